// Reports: the activity of a period, as JSON or CSV, and the report's other sections (staff; partners get 403).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '#db/client.ts';
import { activityReport, activityReportCsv, type ActivityReport } from '#services/reports/activity.ts';
import { actorOf, STAFF } from '../auth.ts';
import { errorResponses } from '#schemas/common.ts';
import { activityReportSchema, reportPeriodQuery } from '#schemas/reports.ts';
import { reportSections } from '#services/reports/sections.ts';
import { reportSections as reportSectionsSchema } from '#schemas/report-sections.ts';

const ACTIVITY_DESCRIPTION =
  'Counted over the nights of [from, to) (at most 5 years; the 366-night cap of queries does not apply): a night is occupied when a stay confirmed, in_place or ended covers it. ' +
  'Each role sees the programmes it handles (admins and duty officers all). 422 when from or to is not a date, from is not before to, or the period is longer than 5 years. ' +
  'With Accept: text/csv (or at /reports/activity.csv) the same as CSV: UTF-8 with a byte order mark, `;` separators; a line from;to and the period, then each table (programmes, sites, unmet, referrals, referralOutcomes, exits): its name, its header, its rows, an empty line.';

const csvAnswer = z.string().meta({ description: 'text/csv; charset=utf-8' });

function sendCsv(reply: FastifyReply, report: ActivityReport) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="activite-${report.from}-${report.to}.csv"`)
    .serializer((s) => s as string)
    .send(activityReportCsv(report) as never);
}

/** Whether the caller asks for CSV (Accept names text/csv). */
const wantsCsv = (accept: string | undefined) => !!accept && /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept);

export function reportRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/activity', {
      config: { roles: STAFF },
      schema: {
        tags: ['reports'],
        summary: 'The activity of a period: nights by programme, occupancy by site, unmet demand, referrals, exits',
        description: ACTIVITY_DESCRIPTION,
        security: [{ bearer: [] }],
        querystring: reportPeriodQuery,
        response: { 200: activityReportSchema, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => {
        const report = activityReport(db(), actorOf(req), req.query);
        return wantsCsv(req.headers.accept) ? sendCsv(reply, report) : report;
      }
    });
    app.get('/reports/activity.csv', {
      config: { roles: STAFF },
      schema: {
        tags: ['reports'],
        summary: 'The activity of a period, as CSV',
        description: ACTIVITY_DESCRIPTION,
        security: [{ bearer: [] }],
        querystring: reportPeriodQuery,
        response: { 200: csvAnswer, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => sendCsv(reply, activityReport(db(), actorOf(req), req.query))
    });
    app.get('/reports/sections', {
      config: { roles: STAFF },
      schema: {
        tags: ['reports'],
        summary: "The report's other sections: outcomes, referrals by source, the DV protocol, the housing mission, the social residence, the territory",
        description:
          'Over [from, to) (at most 5 years; 422 otherwise, as for the activity). Each role sees the programmes it handles: a section about a programme the role does not handle is null ' +
          '(dvProtocol: admins and duty officers; mission: also housing officers; residence: every staff role), and outcomes, referrals and the territory count only its programmes. Counts only: no name, no household id.',
        security: [{ bearer: [] }],
        querystring: reportPeriodQuery,
        response: { 200: reportSectionsSchema, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req) => reportSections(db(), actorOf(req), req.query)
    });
  };
}

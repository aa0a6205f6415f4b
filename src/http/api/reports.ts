// Reports: the activity of a period, as JSON or CSV, and the report's other sections (staff; partners
// get 403); the year's public figures (everyone signed in, partners included); the declarations
// (admins and duty officers): the SIAO's month, the ALT statement, the DV protocol's year.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '#db/client.ts';
import { activityReport, activityReportCsv, type ActivityReport } from '#services/reports/activity.ts';
import { altStatementCsv, DECLARATION_ROLES, protocolYearCsv, protocolYearReport, siaoDeclarationCsv } from '#services/reports/declarations.ts';
import { publicReport, publicReportCsv } from '#services/reports/public.ts';
import { actorOf, EVERYONE, STAFF } from '../auth.ts';
import { errorResponses } from '#schemas/common.ts';
import { activityReportSchema, reportPeriodQuery } from '#schemas/reports.ts';
import { reportSections } from '#services/reports/sections.ts';
import { reportSections as reportSectionsSchema } from '#schemas/report-sections.ts';
import { csvText, monthQuery, protocolYearReport as protocolYearShape, publicReport as publicReportShape, yearQuery } from '#schemas/report-declarations.ts';

const ACTIVITY_DESCRIPTION =
  'Counted over the nights of [from, to) (at most 5 years; the 366-night cap of queries does not apply): a night is occupied when a stay confirmed, in_place or ended covers it. ' +
  'Each role sees the programmes it handles (admins and duty officers all). 400 when from or to is missing or not written YYYY-MM-DD; 422 when one is not a calendar date, from is not before to, or the period is longer than 5 years. ' +
  'With Accept: text/csv (or at /reports/activity.csv) the same as CSV: UTF-8 with a byte order mark, `;` separators; a line from;to and the period, then each table (programmes, sites, unmet, referrals, referralOutcomes, exits): its name, its header, its rows, an empty line.';

const csvAnswer = z.string().meta({ description: 'text/csv; charset=utf-8' });

function sendCsv(reply: FastifyReply, report: ActivityReport) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="activite-${report.from}-${report.to}.csv"`)
    .serializer((s) => s as string)
    .send(activityReportCsv(report) as never);
}

/** A declaration's CSV as an attachment. */
function sendCsvFile(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .serializer((s) => s as string)
    .send(csv as never);
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
    app.get('/reports/public', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['reports'],
        summary: "The year's public figures by programme, small numbers withheld (JSON, or CSV with Accept: text/csv)",
        description: 'A DV figure (the protocol, or a confidential site) of 1 or 2 is null with suppressed true, and so is any total it could be worked back from. 400 for a year not written YYYY; 422 for a year after the current one.',
        security: [{ bearer: [] }],
        querystring: yearQuery,
        response: { 200: publicReportShape, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => {
        const report = publicReport(db(), req.query.year ?? '');
        return wantsCsv(req.headers.accept) ? sendCsvFile(reply, `chiffres-publics-${report.year}.csv`, publicReportCsv(report)) : report;
      }
    });
    app.get('/reports/siao', {
      config: { roles: DECLARATION_ROLES },
      schema: {
        tags: ['reports'],
        summary: "The SIAO's monthly declaration (CSV): places, free places each night, arrivals and departures, the SIAO's referrals and their outcomes",
        security: [{ bearer: [] }],
        querystring: monthQuery,
        response: { 200: csvText, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => {
        const month = req.query.month ?? '';
        return sendCsvFile(reply, `declaration-siao-${month}.csv`, siaoDeclarationCsv(db(), actorOf(req), month));
      }
    });
    app.get('/reports/alt', {
      config: { roles: DECLARATION_ROLES },
      schema: {
        tags: ['reports'],
        summary: 'The ALT statement (CSV): flat-months per unit under the ALT grant, month by month',
        security: [{ bearer: [] }],
        querystring: yearQuery,
        response: { 200: csvText, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => {
        const year = req.query.year ?? '';
        return sendCsvFile(reply, `etat-alt-${year}.csv`, altStatementCsv(db(), actorOf(req), year));
      }
    });
    app.get('/reports/protocol', {
      config: { roles: DECLARATION_ROLES },
      schema: {
        tags: ['reports'],
        summary: "The DV protocol's year for its partners, numbers only (JSON, or CSV with Accept: text/csv)",
        security: [{ bearer: [] }],
        querystring: yearQuery,
        response: { 200: protocolYearShape, ...errorResponses(400, 401, 403, 422, 429) }
      },
      handler: async (req, reply) => {
        const report = protocolYearReport(db(), actorOf(req), req.query.year ?? '');
        if (wantsCsv(req.headers.accept)) return sendCsvFile(reply, `protocole-${report.year}.csv`, protocolYearCsv(report));
        return report;
      }
    });
  };
}

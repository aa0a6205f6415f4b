// The public report (everyone signed in, partners included) and the declarations (admins and duty
// officers): the SIAO's month, the ALT statement, the DV protocol's year.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { Db } from '#db/client.ts';
import { altStatementCsv, DECLARATION_ROLES, protocolYearCsv, protocolYearReport, siaoDeclarationCsv } from '#services/reports/declarations.ts';
import { publicReport } from '#services/reports/public.ts';
import { actorOf, EVERYONE } from '../auth.ts';
import { errorResponses } from '#schemas/common.ts';
import { csvText, monthQuery, protocolYearReport as protocolYearShape, publicReport as publicReportShape, yearQuery } from '#schemas/report-declarations.ts';

function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .serializer((p: unknown) => p as string)
    .send(csv);
}

const wantsCsv = (accept: string | undefined) => /\btext\/csv\b/i.test(accept ?? '');

export function reportDeclarationRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/public', {
      config: { roles: EVERYONE },
      schema: {
        tags: ['reports'],
        summary: "The year's public figures by programme, small numbers withheld",
        description: 'A DV figure (the protocol, or a confidential site) of 1 or 2 is null with suppressed true, and so is any total it could be worked back from. 422 for a year that is not YYYY up to the current one.',
        security: [{ bearer: [] }],
        querystring: yearQuery,
        response: { 200: publicReportShape, ...errorResponses(401, 403, 422) }
      },
      handler: async (req) => publicReport(db(), req.query.year ?? '')
    });
    app.get('/reports/siao', {
      config: { roles: DECLARATION_ROLES },
      schema: {
        tags: ['reports'],
        summary: "The SIAO's monthly declaration (CSV): places, free places each night, arrivals and departures, the SIAO's referrals and their outcomes",
        security: [{ bearer: [] }],
        querystring: monthQuery,
        response: { 200: csvText, ...errorResponses(401, 403, 422) }
      },
      handler: async (req, reply) => {
        const month = req.query.month ?? '';
        return sendCsv(reply, `declaration-siao-${month}.csv`, siaoDeclarationCsv(db(), actorOf(req), month));
      }
    });
    app.get('/reports/alt', {
      config: { roles: DECLARATION_ROLES },
      schema: {
        tags: ['reports'],
        summary: 'The ALT statement (CSV): flat-months per unit under the ALT grant, month by month',
        security: [{ bearer: [] }],
        querystring: yearQuery,
        response: { 200: csvText, ...errorResponses(401, 403, 422) }
      },
      handler: async (req, reply) => {
        const year = req.query.year ?? '';
        return sendCsv(reply, `etat-alt-${year}.csv`, altStatementCsv(db(), actorOf(req), year));
      }
    });
    app.get('/reports/protocol', {
      config: { roles: DECLARATION_ROLES },
      schema: {
        tags: ['reports'],
        summary: "The DV protocol's year for its partners, numbers only (JSON, or CSV with Accept: text/csv)",
        security: [{ bearer: [] }],
        querystring: yearQuery,
        response: { 200: protocolYearShape, ...errorResponses(401, 403, 422) }
      },
      handler: async (req, reply) => {
        const report = protocolYearReport(db(), actorOf(req), req.query.year ?? '');
        if (wantsCsv(req.headers.accept)) return sendCsv(reply, `protocole-${report.year}.csv`, protocolYearCsv(report));
        return report;
      }
    });
  };
}

// The housing mission (docs/api.md, "The housing mission"): landlords, offers, applicants, proposals and matches, both ways.
// Housing officers and admins only: every other role gets 403 before the body is read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '#db/client.ts';
import { toOffsetTimestamp } from '#domain/dates.ts';
import type { Exclusion, Match, Reason, Situation } from '#domain/matching.ts';
import type { Role } from '#domain/programmes.ts';
import { createApplicant, updateApplicantDetails } from '#services/mission/applicants.ts';
import { createLandlord } from '#services/mission/landlords.ts';
import { matchesForApplicant, matchesForOffer } from '#services/mission/matching.ts';
import { createOfferUnit } from '#services/mission/offer-unit.ts';
import { createOffer, openOffer, updateOfferDetails, withdrawOffer } from '#services/mission/offers.ts';
import { moveProposal, propose } from '#services/mission/proposals.ts';
import { getApplicant, getLandlord, getOffer, getProposal, listApplicants, listLandlords, listOffers, listProposals, refusalCounts, type ProposalView, type StepView } from '#services/mission/views.ts';
import type { Actor } from '#services/actor.ts';
import { reasonSentence } from '../../lib/i18n/match-reasons.ts';
import { actorOf } from '../auth.ts';
import { errorResponses, idParams } from '#schemas/common.ts';
import { applicant, applicantDetail, applicantInput, applicantList, applicantMatches, applicantQuery, applicantUpdateInput, landlord, landlordDetail, landlordInput, landlordList, offerDetail, offerInput, offerList, offerMatches, offerQuery, offerUpdateInput, proposal, proposalInput, proposalList, proposalMoveInput, proposalQuery, refusalCountList, withdrawInput } from '#schemas/mission.ts';

const MISSION: readonly Role[] = ['admin', 'housing_officer'];
const tags = ['mission'];
const security = [{ bearer: [] }];

// The services count time in epoch milliseconds; the API speaks ISO 8601 with offset.
const ts = (ms: number) => toOffsetTimestamp(ms);
const tsOrNull = (ms: number | null) => (ms === null ? null : ts(ms));

function stepOut(s: StepView) {
  return { status: s.status, reason: s.reason, at: ts(s.at) };
}

function proposalOut(p: ProposalView) {
  return { ...p, moves: [...p.moves], createdAt: ts(p.createdAt), updatedAt: ts(p.updatedAt), steps: p.steps.map(stepOut) };
}

function datedOut<T extends { createdAt: number; updatedAt: number }>(o: T) {
  return { ...o, createdAt: ts(o.createdAt), updatedAt: ts(o.updatedAt) };
}

function applicantOut<T extends { situation: string; createdAt: number; housedAt: number | null }>(a: T) {
  return { ...a, situation: a.situation as Situation, createdAt: ts(a.createdAt), housedAt: tsOrNull(a.housedAt) };
}

function offerDetailOut(db: Db, actor: Actor, id: string) {
  const o = getOffer(db, actor, id);
  return { ...datedOut(o), proposals: o.proposals.map(proposalOut), steps: o.steps.map(stepOut) };
}

function reasonOut(r: Reason) {
  return { code: r.code, params: r.params as Record<string, string | number>, text: reasonSentence(r, 'fr') };
}

/** A match in its lean shape: never the domain objects, the reasons with their French sentence. */
function matchOut(m: Match) {
  const { urgent, communeWanted, daysWaited, spare } = m.score;
  return { moveIn: m.moveIn, score: { urgent, communeWanted, daysWaited, spare }, reasons: m.reasons.map(reasonOut) };
}

function exclusionOut(e: Exclusion) {
  return { codes: [...e.codes], reasons: e.reasons.map(reasonOut) };
}

export function missionRoutes(db: () => Db): FastifyPluginAsyncZod {
  return async (app) => {
    // Landlords -----------------------------------------------------------------------------------
    app.get('/landlords', {
      config: { roles: MISSION },
      schema: { tags, summary: 'The landlords, with the number of their offers in each status', security, response: { 200: landlordList, ...errorResponses(401, 403) } },
      handler: async (req) => ({ landlords: listLandlords(db(), actorOf(req)).map((l) => ({ ...l, createdAt: ts(l.createdAt) })) })
    });
    app.post('/landlords', {
      config: { roles: MISSION },
      schema: { tags, summary: 'Record a landlord and their contact details', security, body: landlordInput, response: { 201: landlord, ...errorResponses(400, 401, 403, 422) } },
      handler: async (req, reply) => {
        const l = createLandlord(db(), actorOf(req), req.body);
        return reply.code(201).send({ ...l, createdAt: ts(l.createdAt) });
      }
    });
    app.get('/landlords/:id', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'A landlord with the history of their offers and how each ended',
        description: 'Each offer with its dated steps; letTo names the applicant who signed the lease, statusReason why a withdrawn offer was withdrawn.',
        security,
        params: idParams,
        response: { 200: landlordDetail, ...errorResponses(400, 401, 403, 404) }
      },
      handler: async (req) => {
        const l = getLandlord(db(), actorOf(req), req.params.id);
        return { ...l, createdAt: ts(l.createdAt), offers: l.offers.map((o) => ({ ...datedOut(o), steps: o.steps.map(stepOut) })) };
      }
    });

    // Offers --------------------------------------------------------------------------------------
    app.get('/offers', {
      config: { roles: MISSION },
      schema: { tags, summary: 'The offers, by status and landlord', security, querystring: offerQuery, response: { 200: offerList, ...errorResponses(400, 401, 403) } },
      handler: async (req) => ({ offers: listOffers(db(), actorOf(req), req.query).map(datedOut) })
    });
    app.post('/offers', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Enter an offer (in draft)',
        description: 'Money in euro cents per month. 404 for an unknown landlord; 422 for an impossible date, availableUntil not after availableFrom, or Loc’Avantages without its level.',
        security,
        body: offerInput,
        response: { 201: offerDetail, ...errorResponses(400, 401, 403, 404, 422) }
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        const o = createOffer(db(), actor, req.body);
        return reply.code(201).send(offerDetailOut(db(), actor, o.id));
      }
    });
    app.patch('/offers/:id', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Correct an offer (draft or open)',
        description: 'The whole offer as corrected; the fields changed are recorded as a dated step "edited". 409 when let or withdrawn, or when the unit with nights fixes what would change; 422 for inconsistent values.',
        security,
        params: idParams,
        body: offerUpdateInput,
        response: { 200: offerDetail, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => {
        const actor = actorOf(req);
        updateOfferDetails(db(), actor, req.params.id, req.body);
        return offerDetailOut(db(), actor, req.params.id);
      }
    });
    app.get('/offers/:id', {
      config: { roles: MISSION },
      schema: { tags, summary: 'An offer with its landlord, its proposals and its dated steps', security, params: idParams, response: { 200: offerDetail, ...errorResponses(400, 401, 403, 404) } },
      handler: async (req) => offerDetailOut(db(), actorOf(req), req.params.id)
    });
    app.post('/offers/:id/open', {
      config: { roles: MISSION },
      schema: { tags, summary: 'Open a draft offer to proposals', description: 'Only a draft opens: 409 invalid_transition otherwise.', security, params: idParams, response: { 200: offerDetail, ...errorResponses(400, 401, 403, 404, 409) } },
      handler: async (req) => {
        const actor = actorOf(req);
        openOffer(db(), actor, req.params.id);
        return offerDetailOut(db(), actor, req.params.id);
      }
    });
    app.post('/offers/:id/withdraw', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Withdraw a draft or open offer, with its reason',
        description: 'Its proposals in progress close, and its unit with nights (if any) is no longer offered. 422 without a reason; 409 for an offer already let or withdrawn.',
        security,
        params: idParams,
        body: withdrawInput,
        response: { 200: offerDetail, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => {
        const actor = actorOf(req);
        withdrawOffer(db(), actor, req.params.id, req.body.reason ?? '');
        return offerDetailOut(db(), actor, req.params.id);
      }
    });
    app.post('/offers/:id/unit', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Make a period offer a unit with nights, bookable under housing_mission',
        description:
          'A site of kind private and a unit under housing_mission, closed outside [availableFrom, availableUntil); stays are then placed through POST /api/v1/stays with the same no-overlap guarantee. Partners never see it. 422 when the offer has no availableUntil; 409 when it already has its unit or is let or withdrawn.',
        security,
        params: idParams,
        response: { 200: offerDetail, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => {
        const actor = actorOf(req);
        createOfferUnit(db(), actor, req.params.id);
        return offerDetailOut(db(), actor, req.params.id);
      }
    });
    app.get('/offers/:id/matches', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'The applicants an offer suits, best first, with the reasons in French; the others with what excludes them',
        description: 'Ranked by urgency, commune wanted, time waited, then fit of size. Hard rules: capacity, accessibility, rent within what the household can bear, the scheme’s rent cap and income ceiling, the energy rating, the dates.',
        security,
        params: idParams,
        response: { 200: offerMatches, ...errorResponses(400, 401, 403, 404) }
      },
      handler: async (req) => {
        const actor = actorOf(req);
        const result = matchesForOffer(db(), actor, req.params.id);
        const labels = new Map(listApplicants(db(), actor, { waitingOnly: true }).map((a) => [a.id, a.label]));
        const label = (id: string) => labels.get(id) ?? '';
        return {
          matches: result.matches.map((m) => ({ applicantId: m.applicant.id, label: label(m.applicant.id), ...matchOut(m) })),
          excluded: result.excluded.map((e) => ({ applicantId: e.applicant.id, label: label(e.applicant.id), ...exclusionOut(e) }))
        };
      }
    });

    // Applicants ----------------------------------------------------------------------------------
    app.get('/applicants', {
      config: { roles: MISSION },
      schema: { tags, summary: 'The applicants, with how long they have waited and their proposals in progress', security, querystring: applicantQuery, response: { 200: applicantList, ...errorResponses(400, 401, 403) } },
      handler: async (req) => ({ applicants: listApplicants(db(), actorOf(req), { waitingOnly: req.query.waiting === 'true' }).map(applicantOut) })
    });
    app.post('/applicants', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Record an applicant and their need',
        description: 'An applicant linked to a confidential household is recorded under its pseudonym, whatever label says. 404 for an unknown household; 422 for an impossible date.',
        security,
        body: applicantInput,
        response: { 201: applicant, ...errorResponses(400, 401, 403, 404, 422) }
      },
      handler: async (req, reply) => reply.code(201).send(applicantOut(createApplicant(db(), actorOf(req), req.body)))
    });
    app.patch('/applicants/:id', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: "Correct an applicant's need while they wait",
        description: '409 once housed; 422 for an impossible date.',
        security,
        params: idParams,
        body: applicantUpdateInput,
        response: { 200: applicant, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => applicantOut(updateApplicantDetails(db(), actorOf(req), req.params.id, req.body))
    });
    app.get('/applicants/:id', {
      config: { roles: MISSION },
      schema: { tags, summary: 'An applicant with their proposals', description: 'Opening one linked to a confidential household is audited.', security, params: idParams, response: { 200: applicantDetail, ...errorResponses(400, 401, 403, 404) } },
      handler: async (req) => {
        const a = getApplicant(db(), actorOf(req), req.params.id);
        return { ...applicantOut(a), proposals: a.proposals.map(proposalOut) };
      }
    });
    app.get('/applicants/:id/matches', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'The open offers that suit an applicant, best first, with the reasons in French; the others with what excludes them',
        security,
        params: idParams,
        response: { 200: applicantMatches, ...errorResponses(400, 401, 403, 404) }
      },
      handler: async (req) => {
        const actor = actorOf(req);
        const result = matchesForApplicant(db(), actor, req.params.id);
        const label = (o: Match['offer']) => `${o.typology} · ${o.commune}`;
        return {
          matches: result.matches.map((m) => ({ offerId: m.offer.id, label: label(m.offer), ...matchOut(m) })),
          excluded: result.excluded.map((e) => ({ offerId: e.offer.id, label: label(e.offer), ...exclusionOut(e) }))
        };
      }
    });

    // Proposals -----------------------------------------------------------------------------------
    app.get('/proposals', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'The proposals in progress, oldest first, with their next step and age',
        description: 'all=true includes the ended ones (lease signed, refused, closed).',
        security,
        querystring: proposalQuery,
        response: { 200: proposalList, ...errorResponses(400, 401, 403) }
      },
      handler: async (req) => {
        const { offerId, applicantId, all } = req.query;
        return { proposals: listProposals(db(), actorOf(req), { offerId, applicantId, openOnly: all !== 'true' }).map(proposalOut) };
      }
    });
    app.post('/proposals', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Propose an open offer to an applicant',
        description: '422 when a hard rule excludes the applicant (errors carry the reason codes); 409 when the offer is not open, the applicant is housed, or the offer is already proposed to them; 404 for an unknown offer or applicant.',
        security,
        body: proposalInput,
        response: { 201: proposal, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        const p = propose(db(), actor, req.body.offerId, req.body.applicantId);
        return reply.code(201).send(proposalOut(getProposal(db(), actor, p.id)));
      }
    });
    app.get('/proposals/refusals', {
      config: { roles: MISSION },
      schema: { tags, summary: 'Refusals counted by who refused and why', security, response: { 200: refusalCountList, ...errorResponses(401, 403) } },
      handler: async (req) => ({ refusals: refusalCounts(db(), actorOf(req)).map((r) => ({ ...r, status: r.status as 'refused_by_household' | 'refused_by_landlord' })) })
    });
    app.get('/proposals/:id', {
      config: { roles: MISSION },
      schema: { tags, summary: 'A proposal with its dated steps', security, params: idParams, response: { 200: proposal, ...errorResponses(400, 401, 403, 404) } },
      handler: async (req) => proposalOut(getProposal(db(), actorOf(req), req.params.id))
    });
    app.post('/proposals/:id/status', {
      config: { roles: MISSION },
      schema: {
        tags,
        summary: 'Move a proposal: visit, accepted, lease_signed, or a refusal with its reason',
        description:
          'proposed → visit → accepted → lease_signed, or refused_by_household / refused_by_landlord (422 without a reason). A signed lease lets the offer and closes the other proposals of the offer and of the applicant. A move the lifecycle does not allow, or a second lease on one offer, is 409 invalid_transition.',
        security,
        params: idParams,
        body: proposalMoveInput,
        response: { 200: proposal, ...errorResponses(400, 401, 403, 404, 409, 422) }
      },
      handler: async (req) => {
        const actor = actorOf(req);
        moveProposal(db(), actor, req.params.id, req.body.status, req.body.reason);
        return proposalOut(getProposal(db(), actor, req.params.id));
      }
    });
  };
}

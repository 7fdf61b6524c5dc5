// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit (rs_audit.h). For every table of an address family some role
 * peer is in, every prefix's adjacency-out entries are looked up by their
 * update subgroup in a hash of the role peers' subgroups, so the cost is one
 * pass over the tables whatever the number of role peers. An entry stands
 * for: the queued path (adv->pathi) while an update waits, else the path
 * with its add-path ID, else the path the module chose for the role when
 * bgpd really sent its attributes (rs_alt.c), else the selected path. A
 * queued withdrawal is not judged; a prefix bgpd (or the module, rs_alt.c)
 * has still to decide, or a subgroup whose routes bgpd is about to decide
 * again (a re-announcement or a coalesce timer armed, its table being
 * re-read), is counted as pending: the next run judges it.
 *
 * The periodic audit (route-server audit-interval) logs each role peer with
 * violations once, until an audit finds it clean again, shows it under the
 * instance's warnings, and re-binds it (rs_bind_peer_refresh).
 */
#include <zebra.h>

#include "memory.h"
#include "printfrr.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_addpath.h"
#include "bgpd/bgp_advertise.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"

#include "rs_adjout.h"
#include "rs_alt.h"
#include "rs_audit.h"
#include "rs_bind.h"
#include "rs_compat.h"
#include "rs_erlimit.h"
#include "rs_errors.h"
#include "rs_instance.h"
#include "rs_rmap.h"

DEFINE_MTYPE_STATIC(BGPD, RS_AUDIT, "Route-server audit");

/* --- one run --- */

struct audit_member {
	struct peer *peer;
	enum rs_role role;
};

PREDECL_HASH(audit_sgs);

/* A role peer's update subgroup and the role peers in it. */
struct audit_sg {
	struct audit_sgs_item item;
	struct update_subgroup *subgrp; /* the key */
	struct audit_member *members;
	unsigned int count;
	bool pending; /* bgpd is about to decide its routes again */
};

RS_DECLARE_PTR_HASH(audit_sgs, struct audit_sg, item, subgrp);

struct audit_run {
	struct bgp *bgp;
	struct audit_sgs_head sgs;
	bool afi_used[AFI_MAX];
	rs_audit_fn fn;
	void *arg;
	bool heal;
	bool er_withheld; /* the ExpressRoute gateways' limit reached */
	struct rs_audit_totals *totals;
};

static void run_add_member(struct audit_run *run, struct peer_af *paf,
			   enum rs_role role)
{
	struct update_subgroup *sg = PAF_SUBGRP(paf);
	struct audit_sg key = {.subgrp = sg},
			*e = audit_sgs_find(&run->sgs, &key);

	if (!e) {
		e = XCALLOC(MTYPE_RS_AUDIT, sizeof(*e));
		e->subgrp = sg;
		audit_sgs_add(&run->sgs, e);
	}
	e->members = XREALLOC(MTYPE_RS_AUDIT, e->members,
			      (e->count + 1) * sizeof(*e->members));
	e->members[e->count++] = (struct audit_member){PAF_PEER(paf), role};
	e->pending |= paf->t_announce_route || sg->t_coalesce ||
		      CHECK_FLAG(sg->sflags, SUBGRP_STATUS_TABLE_REPARSING);
}

/* Every subgroup a role peer of the instance is in, in any family. */
static void run_collect(struct rs_instance *rsi, struct audit_run *run)
{
	struct listnode *node;
	struct peer *peer;
	afi_t afi;
	safi_t safi;

	for (ALL_LIST_ELEMENTS_RO(rsi->bgp->peer, node, peer)) {
		enum rs_role role = rs_listed_role(rsi, peer);
		bool counted = false;

		if (role == RS_ROLE_NONE)
			continue;
		FOREACH_AFI_SAFI (afi, safi) {
			struct peer_af *paf = peer_af_find(peer, afi, safi);

			if (!paf || !PAF_SUBGRP(paf))
				continue;
			run_add_member(run, paf, role);
			run->afi_used[afi] = true;
			if (!counted)
				run->totals->peers++;
			counted = true;
		}
	}
}

static void run_free(struct audit_run *run)
{
	struct audit_sg *e;

	while ((e = audit_sgs_pop(&run->sgs))) {
		XFREE(MTYPE_RS_AUDIT, e->members);
		XFREE(MTYPE_RS_AUDIT, e);
	}
	audit_sgs_fini(&run->sgs);
}

/*
 * The path a sent entry stands for, or NULL. Without add-path: the path
 * the module chose for the role (rs_alt.c) when the entry has the
 * attributes bgpd gives that path, else bgpd's best path.
 */
static struct bgp_path_info *sent_path(struct bgp *bgp, struct bgp_dest *dest,
				       const struct bgp_adj_out *adj,
				       const struct audit_member *m, afi_t afi,
				       safi_t safi)
{
	struct bgp_path_info *pi;

	if (!bgp_addpath_encode_tx(m->peer, afi, safi)) {
		struct bgp_path_info *best = rs_announced_path(dest);

		pi = rs_alt_choose(bgp, dest, m->role);
		if (pi && pi != best &&
		    rs_alt_sent(dest, adj->subgroup, pi, adj->attr))
			return pi;
		return best;
	}
	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next)
		if (bgp_addpath_id_for_peer(m->peer, afi, safi,
					    &pi->tx_addpath) ==
		    adj->addpath_tx_id)
			return pi;
	return NULL;
}

static void run_judge(struct audit_run *run, struct bgp_dest *dest,
		      const struct bgp_adj_out *adj, const struct audit_sg *sg)
{
	afi_t afi = SUBGRP_AFI(sg->subgrp);
	safi_t safi = SUBGRP_SAFI(sg->subgrp);
	struct bgp_path_info *queued = NULL;

	if (adj->adv) {
		if (!adj->adv->baa)
			return; /* a withdrawal on its way */
		queued = adj->adv->pathi;
	} else if (!adj->attr) {
		return;
	}
	for (unsigned int i = 0; i < sg->count; i++) {
		const struct audit_member *m = &sg->members[i];
		struct rs_audit_violation v = {
			.peer = m->peer,
			.role = m->role,
			.afi = afi,
			.safi = safi,
			.dest = dest,
			.path = queued ? queued
				       : sent_path(run->bgp, dest, adj, m, afi,
						   safi),
		};

		if (!v.path) {
			run->totals->unmatched++;
			continue;
		}
		run->totals->checked++;
		v.verdict = rs_verdict_for(run->bgp, v.path, m->role, NULL);
		/* withheld by Azure's limit is not a crossing */
		if (v.verdict.allow || v.verdict.reason == RS_REASON_ER_LIMIT)
			continue;
		run->totals->violations++;
		if (run->fn)
			run->fn(&v, run->arg);
	}
}

/*
 * Path hiding (rs_alt.c): SG, a role's subgroup without add-path, has no
 * entry for DEST, yet bgpd would send it the path the role may have.
 */
static void run_hidden(struct audit_run *run, struct bgp_dest *dest,
		       const struct audit_sg *sg)
{
	struct peer *peer = SUBGRP_PEER(sg->subgrp);
	afi_t afi = SUBGRP_AFI(sg->subgrp);
	enum rs_role role = sg->members[0].role;
	struct bgp_path_info *path;

	/* past Azure's ExpressRoute limit a missing route is withheld */
	if (SUBGRP_SAFI(sg->subgrp) != SAFI_UNICAST ||
	    bgp_dest_table(dest)->afi != afi ||
	    !rs_alt_single_path(peer, afi) ||
	    (role == RS_ROLE_EXPRESSROUTE_GW && run->er_withheld) ||
	    rs_adj_out_find(sg->subgrp, dest))
		return;
	path = rs_alt_choose(run->bgp, dest, role);
	if (!path || CHECK_FLAG(path->flags, BGP_PATH_SELECTED) ||
	    !rs_alt_sent(dest, sg->subgrp, path, NULL))
		return;
	run->totals->hidden++;
	if (run->heal)
		rs_alt_mark(run->bgp, dest);
}

/*
 * Past Azure's ExpressRoute limit: SG, the gateways' subgroup, has no entry
 * for DEST that bgpd would send it, the limit aside (counted per gateway).
 */
static void run_withheld(struct audit_run *run, struct bgp_dest *dest,
			 const struct audit_sg *sg)
{
	struct bgp_path_info *path;
	bool sent;

	if (sg->members[0].role != RS_ROLE_EXPRESSROUTE_GW ||
	    SUBGRP_AFI(sg->subgrp) != AFI_IP ||
	    SUBGRP_SAFI(sg->subgrp) != SAFI_UNICAST ||
	    bgp_dest_table(dest)->afi != AFI_IP ||
	    bgp_dest_table(dest)->safi != SAFI_UNICAST ||
	    rs_adj_out_find(sg->subgrp, dest))
		return;
	path = rs_alt_choose(run->bgp, dest, RS_ROLE_EXPRESSROUTE_GW);
	if (!path)
		return;
	rs_erlimit_probe(true);
	sent = rs_alt_sent(dest, sg->subgrp, path, NULL);
	rs_erlimit_probe(false);
	if (sent)
		run->totals->withheld += sg->count;
}

static void run_dest(struct audit_run *run, struct bgp_dest *dest)
{
	struct bgp_path_info *pi = bgp_dest_get_bgp_path_info(dest);
	struct audit_sg *sg;
	struct bgp_adj_out *adj;
	/* bgpd, or the module's choice of paths (rs_alt.c), still to come */
	bool pending = CHECK_FLAG(dest->flags, BGP_NODE_PROCESS_SCHEDULED) ||
		       rs_alt_pending(dest);

	RB_FOREACH (adj, bgp_adj_out_rb, &dest->adj_out) {
		struct audit_sg key = {.subgrp = adj->subgroup};
		const struct audit_sg *sg = audit_sgs_find(&run->sgs, &key);

		if (!sg)
			continue;
		if (pending || sg->pending)
			run->totals->pending++;
		else
			run_judge(run, dest, adj, sg);
	}
	if (pending || !pi)
		return;
	if (run->er_withheld)
		frr_each (audit_sgs, &run->sgs, sg)
			if (!sg->pending)
				run_withheld(run, dest, sg);
	/* a prefix with several paths: the role peers it is hidden from */
	if (!pi->next)
		return;
	frr_each (audit_sgs, &run->sgs, sg)
		if (!sg->pending)
			run_hidden(run, dest, sg);
}

/* VPN, ENCAP and EVPN tables hold a table per route distinguisher. */
static bool two_level(safi_t safi)
{
	return safi == SAFI_MPLS_VPN || safi == SAFI_ENCAP || safi == SAFI_EVPN;
}

static void run_table(struct audit_run *run, struct bgp_table *table,
		      safi_t safi)
{
	struct bgp_dest *dest;

	for (dest = bgp_table_top(table); dest; dest = bgp_route_next(dest)) {
		struct bgp_table *inner;

		if (!two_level(safi)) {
			run_dest(run, dest);
			continue;
		}
		inner = bgp_dest_get_bgp_table_info(dest);
		if (inner)
			run_table(run, inner, SAFI_UNICAST);
	}
}

void rs_audit_run(struct rs_instance *rsi, rs_audit_fn fn, void *arg, bool heal,
		  struct rs_audit_totals *totals)
{
	struct audit_run run = {.bgp = rsi->bgp,
				.fn = fn,
				.arg = arg,
				.heal = heal,
				.er_withheld = rsi->er_withheld,
				.totals = totals};
	afi_t afi;
	safi_t safi;

	memset(totals, 0, sizeof(*totals));
	audit_sgs_init(&run.sgs);
	run_collect(rsi, &run);
	if (audit_sgs_count(&run.sgs))
		FOREACH_AFI_SAFI (afi, safi)
			if (run.afi_used[afi] && rsi->bgp->rib[afi][safi])
				run_table(&run, rsi->bgp->rib[afi][safi], safi);
	run_free(&run);
}

/* --- the periodic audit --- */

PREDECL_HASH(audit_insts);

struct audit_inst {
	struct audit_insts_item item;
	struct bgp *bgp; /* the key */
	rs_timer_t *timer;
	unsigned int interval; /* what the timer was armed with */
	bool ran;
	time_t when;
	struct rs_audit_totals last;
};

RS_DECLARE_PTR_HASH(audit_insts, struct audit_inst, item, bgp);

PREDECL_HASH(audit_peers);

/* A role peer the last periodic audit found violations for. */
struct audit_peer {
	struct audit_peers_item item;
	struct peer *peer;   /* the key */
	uint64_t violations; /* when first found: the event's */
	uint64_t seen;	     /* in the run going on */
	char first[160];
	char when[16];
};

RS_DECLARE_PTR_HASH(audit_peers, struct audit_peer, item, peer);

static struct audit_insts_head insts = INIT_HASH(insts);
static struct audit_peers_head flagged = INIT_HASH(flagged);

static struct audit_inst *inst_find(const struct bgp *bgp)
{
	struct audit_inst key = {.bgp = (struct bgp *)bgp};

	return audit_insts_find(&insts, &key);
}

static struct audit_peer *flagged_find(const struct peer *peer)
{
	struct audit_peer key = {.peer = (struct peer *)peer};

	return audit_peers_find(&flagged, &key);
}

static void flagged_free(struct audit_peer *ap)
{
	audit_peers_del(&flagged, ap);
	XFREE(MTYPE_RS_AUDIT, ap);
}

static void timed_violation(const struct rs_audit_violation *v, void *arg)
{
	struct audit_peer *ap = flagged_find(v->peer);
	enum rs_role role;
	const struct peer *origin;

	if (!ap) {
		ap = XCALLOC(MTYPE_RS_AUDIT, sizeof(*ap));
		ap->peer = v->peer;
		audit_peers_add(&flagged, ap);
	}
	if (!ap->seen++) {
		enum rs_source_kind kind =
			rs_path_source(v->path, &role, &origin);

		snprintfrr(ap->first, sizeof(ap->first),
			   "%pBD from %s (%s): %s", v->dest,
			   origin ? origin->host : "-",
			   rs_source_name(kind, role),
			   rs_reason_text(v->verdict.reason));
	}
}

/* Logs the peers new to the list, re-binds every listed one. */
static void timed_settle(struct rs_instance *rsi)
{
	struct audit_peer *ap;

	frr_each_safe (audit_peers, &flagged, ap) {
		if (ap->peer->bgp != rsi->bgp)
			continue;
		if (!ap->seen) {
			flagged_free(ap); /* clean again: the event is over */
			continue;
		}
		if (!ap->violations) {
			time_t now = time(NULL);
			struct tm tm;

			strftime(ap->when, sizeof(ap->when), "%H:%M:%S",
				 localtime_r(&now, &tm));
			flog_err(
				EC_RS_AUDIT,
				"route-server: %s: audit: %" PRIu64
				" routes queued or sent to neighbor %s (%s) are forbidden by "
				"the policy, e.g. %s; re-binding it",
				rsi->bgp->name_pretty, ap->seen, ap->peer->host,
				rs_role_name(rs_listed_role(rsi, ap->peer)),
				ap->first);
			ap->violations = ap->seen; /* when found */
		}
		ap->seen = 0;
		rs_bind_peer_refresh(rsi, ap->peer);
	}
}

static void audit_timer(rs_timer_t *t)
{
	struct audit_inst *ai = RS_TIMER_ARG(t);
	struct rs_instance *rsi = rs_instance_find(ai->bgp);

	if (!rsi)
		return;
	rs_audit_run(rsi, timed_violation, NULL, true, &ai->last);
	ai->ran = true;
	ai->when = time(NULL);
	timed_settle(rsi);
	rs_timer_add_sec(audit_timer, ai, ai->interval, &ai->timer);
}

void rs_audit_schedule(struct rs_instance *rsi)
{
	struct audit_inst *ai = inst_find(rsi->bgp);

	if (!ai) {
		if (!rsi->audit_interval)
			return;
		ai = XCALLOC(MTYPE_RS_AUDIT, sizeof(*ai));
		ai->bgp = rsi->bgp;
		audit_insts_add(&insts, ai);
	}
	if (ai->timer && ai->interval == rsi->audit_interval)
		return;
	RS_TIMER_OFF(ai->timer);
	ai->interval = rsi->audit_interval;
	if (ai->interval)
		rs_timer_add_sec(audit_timer, ai, ai->interval, &ai->timer);
}

unsigned int rs_audit_warnings(const struct rs_instance *rsi,
			       void (*emit)(const char *text, void *arg),
			       void *arg)
{
	struct audit_peer *ap;
	unsigned int count = 0;
	char buf[320];

	frr_each (audit_peers, &flagged, ap) {
		if (ap->peer->bgp != rsi->bgp || !ap->violations)
			continue;
		snprintf(
			buf, sizeof(buf),
			"audit (%s): %" PRIu64
			" routes queued or sent to neighbor %s are forbidden by the "
			"policy, e.g. %s; the module re-bound it",
			ap->when, ap->violations, ap->peer->host, ap->first);
		emit(buf, arg);
		count++;
	}
	return count;
}

bool rs_audit_last(const struct bgp *bgp, struct rs_audit_totals *totals,
		   time_t *when)
{
	const struct audit_inst *ai = inst_find(bgp);

	if (!ai || !ai->ran)
		return false;
	*totals = ai->last;
	*when = ai->when;
	return true;
}

void rs_audit_forget(const struct peer *peer)
{
	struct audit_peer *ap = flagged_find(peer);

	if (ap)
		flagged_free(ap);
}

void rs_audit_fini(const struct bgp *bgp)
{
	struct audit_inst *ai;
	struct audit_peer *ap;

	frr_each_safe (audit_peers, &flagged, ap)
		if (!bgp || ap->peer->bgp == bgp)
			flagged_free(ap);
	frr_each_safe (audit_insts, &insts, ai) {
		if (bgp && ai->bgp != bgp)
			continue;
		RS_TIMER_OFF(ai->timer);
		audit_insts_del(&insts, ai);
		XFREE(MTYPE_RS_AUDIT, ai);
	}
}

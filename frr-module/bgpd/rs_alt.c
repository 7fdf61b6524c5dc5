// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * No path hiding (rs_alt.h). Without add-path bgpd announces one path per
 * prefix to an update subgroup, its best one, and the rule (rs_rmap.c) can
 * only let it through or withdraw it. When it withdraws it from a role and
 * the prefix has other paths, the module finishes the job inside bgpd's own
 * update machinery, once bgpd is done with the prefix:
 *
 *  - marks: the rule marks a prefix whose best path it suppressed; the
 *    bgp_process hook marks a prefix whose paths a peer changed (bgpd
 *    announces nothing when its best path stays the same, yet the best
 *    allowed one may have come, changed or gone);
 *  - an event (it runs before the timers that write updates) takes the
 *    marked prefixes that bgpd has processed and, for every role peer's
 *    update subgroup without add-path, hands the path that role may have
 *    (rs_alt_choose) to bgpd's subgroup_process_announce_selected(): bgpd
 *    runs its whole outbound processing on it, the rule included, and puts
 *    it in the adjacency-out, where the audit and "show ... advertised-routes"
 *    see it with its own attributes. When the role may have no path, the
 *    best path goes through the rule again, which withdraws what the module
 *    announced before.
 *
 * Subgroups with add-path need none of this: bgpd hands every path to the
 * rule, which judges each by its own source.
 */
#include <zebra.h>

#include "hook.h"
#include "memory.h"
#include "prefix.h"
#include "sockunion.h"
#include "typesafe.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_addpath.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_community.h"
#include "bgpd/bgp_advertise.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"

#include "rs_adjout.h"
#include "rs_alt.h"
#include "rs_compat.h"
#include "rs_instance.h"
#include "rs_rmap.h"

DEFINE_MTYPE_STATIC(BGPD, RS_ALT, "Route-server prefix to decide");

PREDECL_HASH(alt_marks);

struct alt_mark {
	struct alt_marks_item item;
	struct bgp_dest *dest; /* the key, locked */
	struct bgp *bgp;
};

RS_DECLARE_PTR_HASH(alt_marks, struct alt_mark, item, dest);

static struct alt_marks_head marks = INIT_HASH(marks);
static rs_timer_t *alt_event;
/* the path handed to bgpd right now, and whether the module is deciding */
static const struct bgp_path_info *announcing;
static bool deciding;

/* Prefixes decided per run (bgpd's loop gets its turn between runs), and
 * the wait when all that are left are still in bgpd's queue.
 */
#define RS_ALT_BATCH 20000
#define RS_ALT_WAIT_MSEC 10
#define RS_ALT_WAIT_MAX_MSEC 1000 /* bgpd's queue plugged (update-delay) */

/* A path bgpd's best-path selection considers (bgp_best_selection()). */
static bool usable(struct bgp *bgp, const struct bgp_path_info *pi)
{
	if (BGP_PATH_HOLDDOWN(pi))
		return false;
	return !pi->peer || pi->peer == bgp->peer_self ||
	       CHECK_FLAG(pi->peer->sflags, PEER_STATUS_NSF_WAIT) ||
	       rs_peer_established(pi->peer);
}

static uint32_t router_id(const struct bgp_path_info *pi)
{
	if (CHECK_FLAG(pi->attr->flag, ATTR_FLAG_BIT(BGP_ATTR_ORIGINATOR_ID)))
		return ntohl(pi->attr->originator_id.s_addr);
	return ntohl(pi->peer->remote_id.s_addr);
}

/*
 * bgpd's last steps, which bgp_path_info_cmp_compatible() leaves out for
 * paths it counts equal for multipath (bgp_path_info_cmp(), static in
 * 8.4): router ID (the originator's for a reflected path), cluster-list
 * length, a stale path last, neighbor address. True when A comes first.
 */
static bool tie_first(const struct bgp_path_info *a,
		      const struct bgp_path_info *b)
{
	const union sockunion *sa = rs_peer_su_remote(a->peer);
	const union sockunion *sb = rs_peer_su_remote(b->peer);

	if (router_id(a) != router_id(b))
		return router_id(a) < router_id(b);
	if (BGP_CLUSTER_LIST_LENGTH(a->attr) !=
	    BGP_CLUSTER_LIST_LENGTH(b->attr))
		return BGP_CLUSTER_LIST_LENGTH(a->attr) <
		       BGP_CLUSTER_LIST_LENGTH(b->attr);
	if (CHECK_FLAG(a->flags, BGP_PATH_STALE) !=
	    CHECK_FLAG(b->flags, BGP_PATH_STALE))
		return CHECK_FLAG(b->flags, BGP_PATH_STALE);
	if (!sa || !sb)
		return !sb;
	return sockunion_cmp(sa, sb) < 0;
}

/* True when PI comes before ALT in bgpd's order. */
static bool comes_first(struct bgp *bgp, struct bgp_path_info *pi,
			struct bgp_path_info *alt,
			const struct bgp_table *table)
{
	enum bgp_path_selection_reason reason;
	char pfx[PREFIX2STR_BUFFER] = "";
	int cmp = bgp_path_info_cmp_compatible(bgp, pi, alt, pfx, table->afi,
					       table->safi, &reason);

	return cmp < 0 || (cmp == 0 && tie_first(pi, alt));
}

struct bgp_path_info *rs_alt_choose(struct bgp *bgp, struct bgp_dest *dest,
				    enum rs_role role)
{
	struct bgp_table *table = bgp_dest_table(dest);
	struct bgp_path_info *best = rs_announced_path(dest), *pi, *alt = NULL;

	if (best && rs_verdict_for(bgp, best, role, NULL).allow)
		return best;
	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
		if (pi == best || !usable(bgp, pi) ||
		    !rs_verdict_for(bgp, pi, role, NULL).allow)
			continue;
		if (!alt || comes_first(bgp, pi, alt, table))
			alt = pi;
	}
	return alt;
}

bool rs_alt_single_path(const struct peer *peer, afi_t afi)
{
	return peer->addpath_type[afi][SAFI_UNICAST] == BGP_ADDPATH_NONE;
}

const struct bgp_path_info *rs_alt_announcing(void)
{
	return announcing;
}

bool rs_alt_pending(const struct bgp_dest *dest)
{
	struct alt_mark key = {.dest = (struct bgp_dest *)dest};

	return alt_marks_find(&marks, &key) != NULL;
}

static void alt_run(rs_timer_t *t);

/* NO_ADVERTISE or NO_EXPORT: the decision table looks at them. */
static bool well_known(const struct bgp_path_info *pi)
{
	struct community *comm = bgp_attr_get_community(pi->attr);

	return comm && (community_include(comm, COMMUNITY_NO_ADVERTISE) ||
			community_include(comm, COMMUNITY_NO_EXPORT));
}

/*
 * True when the decision table cannot tell DEST's paths apart: one source
 * kind and role (the two VPN gateway instances), none with a well-known
 * community. Then every role may have all of them or none, there is no
 * alternative, and bgpd's own announcement is the right one. (A path that
 * gains a well-known community is told apart at its next change: it was no
 * alternative before.)
 */
static bool alike(struct bgp_dest *dest)
{
	struct bgp_path_info *pi = bgp_dest_get_bgp_path_info(dest);
	const struct peer *origin;
	enum rs_role role, first_role;
	enum rs_source_kind first = rs_path_source(pi, &first_role, &origin);

	for (; pi; pi = pi->next)
		if (well_known(pi) ||
		    rs_path_source(pi, &role, &origin) != first ||
		    role != first_role)
			return false;
	return true;
}

void rs_alt_mark(struct bgp *bgp, struct bgp_dest *dest)
{
	struct bgp_path_info *pi = bgp_dest_get_bgp_path_info(dest);
	struct alt_mark key = {.dest = dest}, *m;

	/* one path: nothing to choose from; the module's own announcements */
	if (deciding || !pi || !pi->next || alt_marks_find(&marks, &key) ||
	    alike(dest))
		return;
	m = XCALLOC(MTYPE_RS_ALT, sizeof(*m));
	m->dest = bgp_dest_lock_node(dest);
	m->bgp = bgp;
	alt_marks_add(&marks, m);
	if (!alt_event)
		rs_event_add(alt_run, &alt_event);
}

/* A peer changed DEST's paths (bgp_update(), bgp_withdraw(), clearing). */
static int alt_paths_changed(struct bgp *bgp, afi_t afi, safi_t safi,
			     struct bgp_dest *dest, struct peer *peer,
			     bool withdraw)
{
	struct rs_instance *rsi;

	if (safi != SAFI_UNICAST)
		return 0;
	rsi = rs_instance_find(bgp);
	if (rsi && rs_instance_has_roles(rsi))
		rs_alt_mark(bgp, dest);
	return 0;
}

/*
 * bgpd's announce check (subgroup_announce_check()) takes a path other than
 * the selected one only for add-path: for the length of one call into it
 * (nothing else runs meanwhile) PATH is the one selected for the subgroup,
 * and the rule knows it is the module's choice.
 */
static uint32_t as_selected_begin(struct bgp_path_info *path)
{
	uint32_t was = CHECK_FLAG(path->flags, BGP_PATH_SELECTED);

	SET_FLAG(path->flags, BGP_PATH_SELECTED);
	announcing = path;
	return was;
}

static void as_selected_end(struct bgp_path_info *path, uint32_t was)
{
	announcing = NULL;
	if (!was)
		UNSET_FLAG(path->flags, BGP_PATH_SELECTED);
}

bool rs_alt_sent(struct bgp_dest *dest, struct update_subgroup *subgrp,
		 struct bgp_path_info *path, const struct attr *sent)
{
	struct attr attr = {0};
	bool same = false;
	uint32_t was = as_selected_begin(path);

	if (subgroup_announce_check(dest, path, subgrp,
				    bgp_dest_get_prefix(dest), &attr, NULL))
		same = !sent || attrhash_cmp(sent, &attr);
	bgp_attr_flush(&attr);
	as_selected_end(path, was);
	return same;
}

/* A withdrawal bgpd queued, not yet sent. */
static bool withdrawal_queued(const struct bgp_adj_out *adj)
{
	return adj && adj->adv && !adj->adv->baa;
}

/*
 * bgpd withdrew the module's earlier choice, ADJ, when the rule suppressed
 * its best path: take the withdrawal back, so that the peer sees no flap if
 * the choice stands. bgpd's count of the subgroup's routes (its
 * maximum-prefix-out, Azure's ExpressRoute limit) had dropped it, and its
 * duplicate check compares with the last update queued, which the
 * withdrawal replaced: both are made to describe what the peer has again.
 */
static void withdrawal_take_back(struct update_subgroup *subgrp,
				 struct bgp_adj_out *adj)
{
	bgp_advertise_clean_subgroup(subgrp, adj);
	subgrp->pscount++;
	adj->attr_hash = attrhash_key_make(adj->attr);
}

/*
 * Hands SUBGRP (a role's, without add-path) the path ROLE may have for
 * DEST, when that is not bgpd's best path.
 */
static void alt_announce(struct bgp *bgp, struct bgp_dest *dest,
			 struct update_subgroup *subgrp, enum rs_role role)
{
	struct bgp_path_info *best = rs_announced_path(dest);
	struct bgp_path_info *path = rs_alt_choose(bgp, dest, role);
	struct bgp_adj_out *adj = rs_adj_out_find(subgrp, dest);
	bool taken_back = false;
	uint32_t was;

	if (path == best)
		return; /* bgpd's own announcement is the right one */
	if (!path) {
		/* what the module announced before goes: the rule withdraws */
		if (adj && !withdrawal_queued(adj))
			rs_subgroup_announce(subgrp, best, dest, 0);
		return;
	}
	if (withdrawal_queued(adj)) {
		withdrawal_take_back(subgrp, adj);
		taken_back = true;
	}
	/* a subgroup without add-path has one entry per prefix: ID 0 */
	was = as_selected_begin(path);
	rs_subgroup_announce(subgrp, path, dest, 0);
	as_selected_end(path, was);
	/*
	 * bgpd may have announced nothing (suppress-fib-pending, a peer
	 * waiting for a route refresh): then what the peer has is not the
	 * choice, and bgpd's withdrawal goes out after all (fail closed).
	 */
	adj = rs_adj_out_find(subgrp, dest);
	if (taken_back && adj && adj->attr && !adj->adv &&
	    !rs_alt_sent(dest, subgrp, path, adj->attr))
		bgp_adj_out_unset_subgroup(dest, subgrp, 1, 0);
}

#define RS_ALT_SEEN 16

struct alt_walk {
	struct bgp *bgp;
	struct bgp_dest *dest;
	afi_t afi;
	enum rs_role role;
	/* the subgroups decided already (peers share them) */
	struct update_subgroup *seen[RS_ALT_SEEN];
	unsigned int nseen;
};

static bool alt_seen(struct alt_walk *w, struct update_subgroup *subgrp)
{
	for (unsigned int i = 0; i < w->nseen; i++)
		if (w->seen[i] == subgrp)
			return true;
	if (w->nseen < RS_ALT_SEEN)
		w->seen[w->nseen++] = subgrp;
	return false;
}

static bool alt_peer(struct rs_instance *rsi, struct peer *peer,
		     const void *arg)
{
	struct alt_walk *w = (struct alt_walk *)arg;
	struct peer_af *paf;
	struct update_subgroup *subgrp;

	if (!rs_peer_established(peer))
		return false;
	paf = peer_af_find(peer, w->afi, SAFI_UNICAST);
	subgrp = paf ? PAF_SUBGRP(paf) : NULL;
	/*
	 * A subgroup whose coalesce timer runs will read the whole table; one
	 * with add-path gets every path from bgpd, judged each by its source;
	 * add-path configured but not negotiated keys bgpd's entries by path
	 * (rs_warn.c warns): bgpd's best path only, or nothing.
	 */
	if (!subgrp || subgrp->t_coalesce ||
	    !rs_alt_single_path(peer, w->afi) || alt_seen(w, subgrp))
		return false;
	alt_announce(w->bgp, w->dest, subgrp, w->role);
	return false;
}

static void alt_decide(struct bgp *bgp, struct bgp_dest *dest)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct alt_walk w = {
		.bgp = bgp,
		.dest = dest,
		.afi = bgp_dest_table(dest)->afi,
	};

	if (!rsi || !rs_announced_path(dest))
		return;
	deciding = true;
	for (w.role = RS_ROLE_NONE + 1; w.role < RS_ROLE_COUNT; w.role++)
		rs_role_peers_each(rsi, w.role, alt_peer, &w);
	deciding = false;
}

static void alt_free(struct alt_mark *m)
{
	alt_marks_del(&marks, m);
	bgp_dest_unlock_node(m->dest);
	XFREE(MTYPE_RS_ALT, m);
}

static void alt_run(rs_timer_t *t)
{
	static unsigned int wait = RS_ALT_WAIT_MSEC;
	struct alt_mark *m;
	unsigned int done = 0;

	frr_each_safe (alt_marks, &marks, m) {
		if (done >= RS_ALT_BATCH)
			break;
		/* bgpd has yet to choose its best path */
		if (CHECK_FLAG(m->dest->flags, BGP_NODE_PROCESS_SCHEDULED))
			continue;
		alt_decide(m->bgp, m->dest);
		alt_free(m);
		done++;
	}
	if (!alt_marks_count(&marks))
		return;
	if (done) {
		wait = RS_ALT_WAIT_MSEC;
		rs_event_add(alt_run, &alt_event);
		return;
	}
	rs_timer_add_msec(alt_run, wait, &alt_event);
	wait = MIN(wait * 2, RS_ALT_WAIT_MAX_MSEC);
}

void rs_alt_init(void)
{
	hook_register(bgp_process, alt_paths_changed);
}

void rs_alt_fini(const struct bgp *bgp)
{
	struct alt_mark *m;

	frr_each_safe (alt_marks, &marks, m)
		if (!bgp || m->bgp == bgp)
			alt_free(m);
	if (!bgp) {
		RS_TIMER_OFF(alt_event);
		hook_unregister(bgp_process, alt_paths_changed);
	}
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The API differences between the two bgpds the module is built for, Debian
 * 12's FRR 8.4 and Debian 13's FRR 10.3; the other version switches are the
 * debug registration in rs_log.c (10.3's debug_install) and the received-
 * route limit's recheck in rs_rxlimit.c (8.4 only). RS_FRR_VERSION is
 * major * 100 + minor, set by configure from the installed bgpd.
 */
#ifndef _RS_COMPAT_H
#define _RS_COMPAT_H

#include "bgpd/bgp_route.h"
#include "bgpd/bgpd.h"

#if RS_FRR_VERSION >= 1003

#include "asn.h"
#include "frrevent.h"

/* FRR 9.1 renamed the thread library to "event" */
typedef struct event_loop rs_loop_t;
typedef struct event rs_timer_t;
#define RS_TIMER_OFF(t) EVENT_OFF(t)
#define rs_timer_add_msec(f, msec, tref)                                       \
	event_add_timer_msec(bm->master, f, NULL, msec, tref)
#define rs_timer_add_sec(f, arg, sec, tref)                                    \
	event_add_timer(bm->master, f, arg, sec, tref)
#define RS_TIMER_ARG(t) EVENT_ARG(t)
/* an event runs before the timers due in the same pass of the loop */
#define rs_event_add(f, tref) event_add_event(bm->master, f, NULL, 0, tref)

/* FRR 9.0 gave it the address family */
#define rs_subgroup_announce(sg, pi, dest, id)                                 \
	subgroup_process_announce_selected(sg, pi, dest, SUBGRP_AFI(sg),       \
					   SUBGRP_SAFI(sg), id)

/* FRR 9.1 moved the session state to the peer's connection */
#define rs_peer_status(peer) ((peer)->connection->status)
#define rs_peer_established(peer) peer_established((peer)->connection)
#define rs_peer_su_local(peer) ((peer)->connection->su_local)
#define rs_peer_su_remote(peer) ((peer)->connection->su_remote)

/* bgpd's "remote-as" argument (FRR 9.0: asdot notation, and "auto") */
#define RS_REMOTE_AS_TOKEN "<ASNUM|internal|external|auto>"
#define rs_str2asn(str, asn) asn_str2asn(str, asn)

/* FRR 9.1 moved a leaked path's parent to extra->vrfleak */
static inline struct bgp_path_info *
rs_path_leak_parent(const struct bgp_path_info *path)
{
	if (!path->extra || !path->extra->vrfleak)
		return NULL;
	return path->extra->vrfleak->parent;
}

/* what ttable_dump() allocates its text with */
#define RS_MTYPE_TTABLE_DUMP MTYPE_TMP_TTABLE

#else /* FRR 8.4 */

#define RS_MTYPE_TTABLE_DUMP MTYPE_TMP

#include "thread.h"

typedef struct thread_master rs_loop_t;
typedef struct thread rs_timer_t;
#define RS_TIMER_OFF(t) THREAD_OFF(t)
#define rs_timer_add_msec(f, msec, tref)                                       \
	thread_add_timer_msec(bm->master, f, NULL, msec, tref)
#define rs_timer_add_sec(f, arg, sec, tref)                                    \
	thread_add_timer(bm->master, f, arg, sec, tref)
#define RS_TIMER_ARG(t) THREAD_ARG(t)
#define rs_event_add(f, tref) thread_add_event(bm->master, f, NULL, 0, tref)

#define rs_subgroup_announce(sg, pi, dest, id)                                 \
	subgroup_process_announce_selected(sg, pi, dest, id)

#define rs_peer_status(peer) ((peer)->status)
#define rs_peer_established(peer) peer_established(peer)
#define rs_peer_su_local(peer) ((peer)->su_local)
#define rs_peer_su_remote(peer) ((peer)->su_remote)

#define RS_REMOTE_AS_TOKEN "<(1-4294967295)|internal|external>"

static inline bool rs_str2asn(const char *str, as_t *asn)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(str, &end, 10);
	if (errno || *end || end == str || v > UINT32_MAX)
		return false;
	*asn = v;
	return true;
}

static inline struct bgp_path_info *
rs_path_leak_parent(const struct bgp_path_info *path)
{
	return path->extra ? path->extra->parent : NULL;
}

#endif

#endif /* _RS_COMPAT_H */

// SPDX-License-Identifier: GPL-2.0-or-later
/* Neighbors held back after a refused role (rs_held.h). */
#include <zebra.h>

#include "memory.h"

#include "bgpd/bgpd.h"

#include "rs_compat.h"
#include "rs_held.h"
#include "rs_instance.h"

DEFINE_MTYPE_STATIC(BGPD, RS_HELD, "Route-server held neighbor");

PREDECL_HASH(rs_helds);

struct rs_held_peer {
	struct rs_helds_item item;
	struct peer *peer; /* the key */
	enum rs_role role; /* the one refused */
};

RS_DECLARE_PTR_HASH(rs_helds, struct rs_held_peer, item, peer);

static struct rs_helds_head helds = INIT_HASH(helds);

static struct rs_held_peer *held_find(const struct peer *peer)
{
	struct rs_held_peer key = {.peer = (struct peer *)peer};

	return rs_helds_count(&helds) ? rs_helds_find(&helds, &key) : NULL;
}

bool rs_held_refused(struct peer *peer, enum rs_role role)
{
	struct rs_instance *rsi = rs_instance_find(peer->bgp);
	struct rs_held_peer *h;

	if (CHECK_FLAG(peer->sflags, PEER_STATUS_GROUP) ||
	    rs_peer_established(peer) ||
	    (rsi && rs_peer_role(rsi, peer) != RS_ROLE_NONE))
		return false;
	h = held_find(peer);
	if (!h) {
		h = XCALLOC(MTYPE_RS_HELD, sizeof(*h));
		h->peer = peer;
		rs_helds_add(&helds, h);
	}
	h->role = role;
	return true;
}

bool rs_held_release(const struct peer *peer)
{
	struct rs_held_peer *h = held_find(peer);

	if (!h)
		return false;
	rs_helds_del(&helds, h);
	XFREE(MTYPE_RS_HELD, h);
	return true;
}

bool rs_held(const struct peer *peer)
{
	return held_find(peer) != NULL; /* NULL at once when nobody is */
}

unsigned int rs_held_warnings(const struct rs_instance *rsi,
			      void (*emit)(const char *text, void *arg),
			      void *arg)
{
	struct rs_held_peer *h;
	unsigned int count = 0;
	char buf[320];

	frr_each (rs_helds, &helds, h) {
		if (h->peer->bgp != rsi->bgp)
			continue;
		snprintf(
			buf, sizeof(buf),
			"neighbor %s is held back: route-server role %s was refused while it had no session; nothing is advertised to it and its routes go to no role peer until it gets a role or 'no neighbor %s route-server role'",
			h->peer->host, rs_role_name(h->role),
			rs_conf_name(h->peer));
		emit(buf, arg);
		count++;
	}
	return count;
}

void rs_held_fini(const struct bgp *bgp)
{
	struct rs_held_peer *h;

	frr_each_safe (rs_helds, &helds, h)
		if (!bgp || h->peer->bgp == bgp) {
			rs_helds_del(&helds, h);
			XFREE(MTYPE_RS_HELD, h);
		}
}

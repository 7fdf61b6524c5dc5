// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Configuration checks for role assignments, as Azure Route Server applies
 * them, and the matcher the command guards find bgpd's commands with. Plain
 * C, no FRR dependency.
 */
#ifndef ROUTESERVER_VALIDATE_H
#define ROUTESERVER_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routeserver/role.h"

/* Azure refuses these ASNs for NVAs (reserved by Azure or by IANA). */
bool rs_nva_asn_refused(uint32_t asn);

/* How a neighbor's or peer-group's remote AS is configured. */
enum rs_as_kind {
	RS_AS_UNSET,	/* no remote-as (a peer-group may have none) */
	RS_AS_NUMBER,	/* remote-as N */
	RS_AS_INTERNAL, /* remote-as internal: the local AS */
	RS_AS_EXTERNAL, /* remote-as external: any AS but the local one */
	RS_AS_AUTO,	/* remote-as auto (FRR 10): whatever the peer sends */
};

/* "a number", "internal", "external", "auto" or "none". */
const char *rs_as_kind_name(enum rs_as_kind kind);

/* What is known about the neighbor a role is assigned to. */
struct rs_neighbor_facts {
	bool is_peer_group; /* a peer-group (members inherit its role) */
	enum rs_as_kind as_kind;
	bool ibgp;	    /* internal, or the local AS */
	uint32_t remote_as; /* the number; internal: the local AS; else 0 */
};

/* The facts of a neighbor (or group) whose remote-as is KIND and AS. */
struct rs_neighbor_facts rs_facts_make(bool is_peer_group, enum rs_as_kind kind,
				       uint32_t as, uint32_t local_as);

/*
 * The remote AS of FACTS for a message, in BUF: "remote AS 65001",
 * "remote-as internal", "remote-as external", "remote-as auto" or
 * "no remote-as".
 */
const char *rs_facts_as_text(const struct rs_neighbor_facts *facts, char *buf,
			     size_t len);

/*
 * A neighbor's facts once it joined a peer-group, as bgpd's
 * peer_group_bind() leaves them (FRR 8.4 and 10.3): a neighbor without a
 * remote-as (also one the join creates) takes the group's; one with its own
 * keeps its kind (internal, external, auto stay what they are) and takes the
 * group's number when the group has one.
 */
struct rs_neighbor_facts
rs_facts_after_join(const struct rs_neighbor_facts *peer,
		    const struct rs_neighbor_facts *group, uint32_t local_as);

/*
 * NULL when ROLE may be given to the neighbor, else the reason it may not
 * (a sentence without the leading "% ", suitable for vty and JSON). A role
 * peer needs a numbered or internal remote-as: with external or auto its AS
 * is not known, and the role's AS checks could not be made. A peer-group
 * without remote-as passes (its members are checked instead).
 */
const char *rs_role_check(enum rs_role role,
			  const struct rs_neighbor_facts *facts);

/* Azure's VPN gateway is active-active: at least two sessions. */
#define RS_VPN_GATEWAY_MIN_PEERS 2

/* True when COUNT vpn-gateway peers fall short of active-active. */
bool rs_vpn_gateway_not_active_active(unsigned int count);

/*
 * Whether the command string CMD, in libfrr's syntax (e.g. "[no$no] neighbor
 * <A.B.C.D|X:X::X:X|WORD>$neighbor advertise-map RMAP_NAME ..."), starts with
 * the words of PATTERN. A word of PATTERN is a keyword, "*" (any one word of
 * CMD) or a keyword in brackets ("[interface]"), which CMD may lack. A word
 * of CMD in brackets ("[no$no]", "[peer-group PGNAME]") may be passed over,
 * any other may not. Variable names ($name) and the punctuation of brackets
 * and selectors are no part of a word. What follows the pattern in CMD (the
 * command's arguments) is not looked at.
 */
bool rs_cmd_matches(const char *cmd, const char *pattern);

#endif /* ROUTESERVER_VALIDATE_H */

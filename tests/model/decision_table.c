// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The core's decision table, whole, for the model check
 * (tests/integration/test_model.sh): what the pure functions say, so the
 * test predicts every peer's table from the same code the module runs.
 *
 *   verdict KNOB SOURCE DEST allow|suppress REASON
 *   client ROLE 0|1          (an iBGP neighbor of ROLE is a reflector client)
 *   unchanged ROLE 0|1       (an eBGP neighbor of ROLE gets learned routes
 *                             with their next hop unchanged)
 *   weight PREFERENCE ROLE W (the weight ROLE's paths get under PREFERENCE)
 *   overlap PREFERENCE KNOB SOURCES DEST GETS OWN
 *
 * KNOB is 0 or 1, SOURCE "local" or a role, roles as typed in vtysh and
 * "none" for a neighbor without one.
 *
 * An overlap line is one prefix learned from two or three kinds of source,
 * one peer of each kind, SOURCES their roles by AS-path length, shortest
 * first ("nva<vpn-gateway<expressroute-gateway"), local preference, origin
 * and the rest equal. DEST, another peer, gets the best path the decision
 * table allows to it (issue 20): weight first, then the shorter AS path;
 * GETS is that path's source role, "nothing" when none is allowed (for DEST
 * "none", plain bgpd, GETS is bgpd's best path). OWN is what DEST gets when
 * it is itself the source of its kind: "nothing" when its own path is the
 * one chosen (bgpd never sends a peer its own path), "-" when no source is
 * of DEST's kind.
 */
#include <stdio.h>

#include "routeserver/policy.h"
#include "routeserver/preference.h"
#include "routeserver/role.h"

#define KINDS 3 /* the kinds of source: the three roles */

static const enum rs_role kinds[KINDS] = {
	RS_ROLE_EXPRESSROUTE_GW,
	RS_ROLE_VPN_GW,
	RS_ROLE_NVA,
};

/*
 * The index in SRC (N sources, SRC[0] the shortest AS path) of the path a
 * peer of role DEST gets, -1 for none: the best by weight, then AS-path
 * length, among those the decision table allows to DEST.
 */
static int best_allowed(const enum rs_role *src, int n, enum rs_role dest,
			enum rs_preference pref, bool knob)
{
	int best = -1;

	for (int i = 0; i < n; i++) {
		if (!rs_policy_decide(RS_SOURCE_PEER, src[i], dest, knob).allow)
			continue;
		/* an earlier one has the shorter AS path: a tie keeps it */
		if (best < 0 || rs_preference_weight(pref, src[i]) >
					rs_preference_weight(pref, src[best]))
			best = i;
	}
	return best;
}

static void print_overlap(const enum rs_role *src, int n)
{
	char sources[128];
	int len = 0;

	for (int i = 0; i < n; i++)
		len += snprintf(sources + len, sizeof(sources) - len, "%s%s",
				i ? "<" : "", rs_role_name(src[i]));

	for (int p = 0; p < RS_PREFERENCE_COUNT; p++)
		for (int knob = 0; knob <= 1; knob++)
			for (int d = RS_ROLE_NONE; d < RS_ROLE_COUNT; d++) {
				int b = best_allowed(src, n, d, p, knob);
				const char *own = "-";

				for (int i = 0; i < n; i++) {
					if (src[i] != (enum rs_role)d)
						continue;
					/* its own path chosen: nothing */
					own = b < 0 || b == i
						      ? "nothing"
						      : rs_role_name(src[b]);
				}
				printf("overlap %s %d %s %s %s %s\n",
				       rs_preference_name(p), knob, sources,
				       rs_role_name(d),
				       b < 0 ? "nothing" : rs_role_name(src[b]),
				       own);
			}
}

/* Every order of the kinds in SRC[K..N-1], each printed. */
static void permute(enum rs_role *src, int k, int n)
{
	if (k == n) {
		print_overlap(src, n);
		return;
	}
	for (int i = k; i < n; i++) {
		enum rs_role t = src[k];

		src[k] = src[i];
		src[i] = t;
		permute(src, k + 1, n);
		src[i] = src[k];
		src[k] = t;
	}
}

int main(void)
{
	for (int knob = 0; knob <= 1; knob++)
		for (int s = -1; s < RS_ROLE_COUNT; s++)
			for (int d = RS_ROLE_NONE; d < RS_ROLE_COUNT; d++) {
				/* s == -1 stands for the locally originated
				 * routes */
				enum rs_source_kind kind =
					s < 0 ? RS_SOURCE_LOCAL
					      : RS_SOURCE_PEER;
				enum rs_role src = s < 0 ? RS_ROLE_NONE : s;
				struct rs_verdict v =
					rs_policy_decide(kind, src, d, knob);

				printf("verdict %d %s %s %s %s\n", knob,
				       rs_source_name(kind, src),
				       rs_role_name(d),
				       v.allow ? "allow" : "suppress",
				       rs_reason_key(v.reason));
			}
	for (int r = RS_ROLE_NONE; r < RS_ROLE_COUNT; r++)
		printf("client %s %d\n", rs_role_name(r),
		       rs_role_settings(r, true).reflector_client);
	for (int r = RS_ROLE_NONE; r < RS_ROLE_COUNT; r++)
		printf("unchanged %s %d\n", rs_role_name(r),
		       rs_role_settings(r, false).nexthop_unchanged);
	for (int p = 0; p < RS_PREFERENCE_COUNT; p++)
		for (int r = RS_ROLE_NONE; r < RS_ROLE_COUNT; r++)
			printf("weight %s %s %u\n", rs_preference_name(p),
			       rs_role_name(r), rs_preference_weight(p, r));

	/* two kinds of source (each pair, both orders), then all three */
	for (int a = 0; a < KINDS; a++)
		for (int b = a + 1; b < KINDS; b++) {
			enum rs_role src[2] = {kinds[a], kinds[b]};

			permute(src, 0, 2);
		}
	enum rs_role all[KINDS] = {kinds[0], kinds[1], kinds[2]};

	permute(all, 0, KINDS);
	return 0;
}

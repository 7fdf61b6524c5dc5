// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The core's decision table, whole, for the model check
 * (tests/integration/test_model.sh): what the pure functions say, so the
 * test predicts every peer's table from the same code the module runs.
 *
 *   verdict KNOB SOURCE DEST allow|suppress REASON
 *   client ROLE 0|1          (an iBGP neighbor of ROLE is a reflector client)
 *
 * KNOB is 0 or 1, SOURCE "local" or a role, roles as typed in vtysh and
 * "none" for a neighbor without one.
 */
#include <stdio.h>

#include "routeserver/policy.h"
#include "routeserver/role.h"

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
	return 0;
}

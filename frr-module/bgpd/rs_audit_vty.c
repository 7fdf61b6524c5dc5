// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "show bgp [vrf NAME|all] route-server audit [json]" and
 * "route-server audit-interval".
 */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "linklist.h"
#include "termtable.h"
#include "vty.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_vty.h"

#include "rs_audit.h"
#include "rs_audit_vty.h"
#include "rs_compat.h"
#include "rs_instance.h"
#include "rs_rmap.h"
#include "rs_show.h"

#ifndef VTYSH_EXTRACT_PL
#include "frr-module/bgpd/rs_audit_vty_clippy.c"
#endif

/* A violation: a row of TT, or without it an element of the JSON array. */
struct audit_out {
	struct ttable *tt;
	json_object *list;
};

static void audit_show_violation(const struct rs_audit_violation *v, void *arg)
{
	struct audit_out *out = arg;
	const struct peer *origin;
	enum rs_role srole;
	enum rs_source_kind kind = rs_path_source(v->path, &srole, &origin);
	const char *source = origin ? origin->host : "-";
	const char *name = v->peer->conf_if ? v->peer->conf_if : v->peer->host;
	json_object *jv;

	if (out->tt) {
		ttable_add_row(out->tt, "%s|%s|%s|%pBD|%s|%s|%s", name,
			       rs_role_name(v->role),
			       get_afi_safi_str(v->afi, v->safi, false),
			       v->dest, source, rs_source_name(kind, srole),
			       rs_reason_text(v->verdict.reason));
		return;
	}
	jv = json_object_new_object();
	json_object_string_add(jv, "neighbor", name);
	json_object_string_add(jv, "role", rs_role_name(v->role));
	json_object_string_add(jv, "afiSafi",
			       get_afi_safi_str(v->afi, v->safi, true));
	json_object_string_addf(jv, "prefix", "%pBD", v->dest);
	json_object_string_add(jv, "source", source);
	json_object_string_add(jv, "sourceRole", rs_source_name(kind, srole));
	json_object_string_add(jv, "reason", rs_reason_key(v->verdict.reason));
	json_object_string_add(jv, "reasonText",
			       rs_reason_text(v->verdict.reason));
	json_object_array_add(out->list, jv);
}

void rs_audit_show_periodic(struct vty *vty, const struct bgp *bgp,
			    json_object *json)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct rs_audit_totals last;
	time_t when;
	bool ran = rs_audit_last(bgp, &last, &when);
	unsigned int interval =
		rsi ? rsi->audit_interval : RS_AUDIT_INTERVAL_DEFAULT;

	if (json) {
		json_object_int_add(json, "auditInterval", interval);
		if (ran) {
			json_object *jl = json_object_new_object();

			json_object_int_add(jl, "secondsAgo",
					    time(NULL) - when);
			json_object_int_add(jl, "routesChecked", last.checked);
			json_object_int_add(jl, "violationCount",
					    last.violations);
			json_object_int_add(jl, "hiddenPaths", last.hidden);
			json_object_int_add(jl, "withheldRoutes",
					    last.withheld);
			json_object_object_add(json, "lastPeriodicAudit", jl);
		}
		return;
	}
	if (!interval)
		vty_out(vty, "Periodic audit: off\n");
	else if (ran)
		vty_out(vty,
			"Periodic audit: every %u s, last %lld s ago: %" PRIu64
			" routes checked, %" PRIu64 " forbidden\n",
			interval, (long long)(time(NULL) - when), last.checked,
			last.violations);
	else
		vty_out(vty, "Periodic audit: every %u s, not run yet\n",
			interval);
}

/* One instance: text, or JSON into JSON when it is set. */
static void audit_show(struct vty *vty, struct bgp *bgp, json_object *json)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct audit_out out = {};
	struct rs_audit_totals t = {};

	if (json) {
		out.list = json_object_new_array();
	} else {
		out.tt = ttable_new(&ttable_styles[TTSTYLE_BLANK]);
		out.tt->style.indent = 0;
		out.tt->style.cell.rpad = 2;
		ttable_restyle(out.tt);
		ttable_add_row(
			out.tt,
			"Neighbor|Role|Family|Prefix|Source|Source role|Reason");
	}
	/* an instance without route-server state has no role peer */
	if (rsi)
		rs_audit_run(rsi, audit_show_violation, &out, false, &t);

	if (json) {
		json_object_string_add(json, "vrfName", bgp->name_pretty);
		json_object_int_add(json, "rolePeers", t.peers);
		json_object_int_add(json, "routesChecked", t.checked);
		json_object_int_add(json, "violationCount", t.violations);
		json_object_int_add(json, "pending", t.pending);
		json_object_int_add(json, "unmatched", t.unmatched);
		json_object_int_add(json, "hiddenPaths", t.hidden);
		json_object_int_add(json, "withheldRoutes", t.withheld);
		json_object_object_add(json, "violations", out.list);
		rs_audit_show_periodic(vty, bgp, json);
		return;
	}
	vty_out(vty,
		"Route-server audit, %s: %" PRIu64
		" routes queued or sent to %u role peers checked, %" PRIu64
		" forbidden by the policy\n",
		bgp->name_pretty, t.checked, t.peers, t.violations);
	if (t.pending)
		vty_out(vty,
			"%" PRIu64
			" that bgpd has yet to decide (again): judged next time\n",
			t.pending);
	if (t.unmatched)
		vty_out(vty,
			"%" PRIu64
			" sent, but no path in the table fits them: judged next time\n",
			t.unmatched);
	if (t.hidden)
		vty_out(vty,
			"%" PRIu64
			" not sent to a role peer that may have a path for them (path hiding)\n",
			t.hidden);
	if (t.withheld)
		vty_out(vty,
			"%" PRIu64
			" withheld from the ExpressRoute gateways by their advertised-route limit (per gateway)\n",
			t.withheld);
	if (out.tt->nrows > 1) {
		char *text = ttable_dump(out.tt, "\n");

		vty_out(vty, "\n%s", text);
		XFREE(RS_MTYPE_TTABLE_DUMP, text);
	}
	ttable_del(out.tt);
	rs_audit_show_periodic(vty, bgp, NULL);
}

DEFPY(show_rs_audit, show_rs_audit_cmd,
      "show bgp [vrf <NAME$vrf_name|all$vrf_all>] route-server audit [json$uj]",
      SHOW_STR BGP_STR VRF_FULL_CMD_HELP_STR RS_SHOW_STR
      "What bgpd queued or sent to each role peer, checked against the "
      "policy\n" JSON_STR)
{
	json_object *all = NULL;
	struct listnode *node;
	struct bgp *bgp;

	if (!vrf_all) {
		bgp = rs_show_bgp(vty, vrf_name, !!uj);
		if (!bgp)
			return CMD_WARNING;
		all = uj ? json_object_new_object() : NULL;
		audit_show(vty, bgp, all);
		if (all)
			vty_json(vty, all);
		return CMD_SUCCESS;
	}
	if (uj)
		all = json_object_new_object();
	for (ALL_LIST_ELEMENTS_RO(bm->bgp, node, bgp)) {
		json_object *one = uj ? json_object_new_object() : NULL;

		audit_show(vty, bgp, one);
		if (one)
			json_object_object_add(
				all, bgp->name ? bgp->name : VRF_DEFAULT_NAME,
				one);
		else if (node->next)
			vty_out(vty, "\n");
	}
	if (all)
		vty_json(vty, all);
	return CMD_SUCCESS;
}

DEFPY(rs_audit_interval, rs_audit_interval_cmd,
      "[no$no] route-server audit-interval ![(0-86400)$secs]",
      NO_STR RS_SHOW_STR
      "Seconds between the periodic audits of what role "
      "peers were sent (default 300)\n"
      "Seconds; 0 turns the periodic audit off\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi = rs_instance_get(bgp);

	rsi->audit_interval = no ? RS_AUDIT_INTERVAL_DEFAULT : secs;
	rs_audit_schedule(rsi);
	return CMD_SUCCESS;
}

void rs_audit_vty_init(void)
{
	install_element(VIEW_NODE, &show_rs_audit_cmd);
	install_element(BGP_NODE, &rs_audit_interval_cmd);
}

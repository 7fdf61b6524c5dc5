# The frr_routeserver_ series (the timestamps left out) that
# frr-routeserver-metrics must write for one instance: input, its "show bgp
# vrf NAME route-server json"; $vrf, its name; $audit, the lastPeriodicAudit
# of its "show bgp vrf NAME route-server audit json" (null: none ran yet).
# Labels in Prometheus' order (by name), as node exporter serves them.
def b: if . then 1 else 0 end;
def v: "vrf=\"\($vrf)\"";
def peer: "{neighbor=\"\(.neighbor)\",role=\"\(.role)\",\(v)}";
"frr_routeserver_allow_branch_to_branch{\(v)} \(.allowBranchToBranch | b)",
(.routingPreference as $p | ("as-path", "expressroute", "vpn-gateway")
	| "frr_routeserver_routing_preference{preference=\"\(.)\",\(v)} \(. == $p | b)"),
"frr_routeserver_role_peers{\(v)} \(.rolePeers)",
"frr_routeserver_role_peers_limit{\(v)} \(.maximumRolePeers)",
"frr_routeserver_warnings{\(v)} \(.warnings | length)",
($audit | select(. != null)
	| "frr_routeserver_audit_violations{\(v)} \(.violationCount)",
	  "frr_routeserver_audit_hidden_paths{\(v)} \(.hiddenPaths)",
	  "frr_routeserver_audit_withheld_routes{\(v)} \(.withheldRoutes)",
	  "frr_routeserver_audit_routes_checked{\(v)} \(.routesChecked)"),
(.peers[] | peer as $l
	| "frr_routeserver_peer_info{neighbor=\"\(.neighbor)\",remote_as=\"\(.remoteAs)\",role=\"\(.role)\",\(v)} 1",
	  "frr_routeserver_peer_up\($l) \(.state == "Established" | b)",
	  "frr_routeserver_peer_routes_learned\($l) \(.routesLearned)",
	  "frr_routeserver_peer_routes_advertised\($l) \(.routesAdvertised)",
	  (select(has("receivedRouteLimit"))
		| "frr_routeserver_peer_received_route_limit\($l) \(.receivedRouteLimit)",
		  "frr_routeserver_peer_received_route_limit_exceeded\($l) \(.receivedRouteLimitExceeded | b)"),
	  (select(has("advertisedRouteLimit"))
		| "frr_routeserver_peer_advertised_route_limit\($l) \(.advertisedRouteLimit)",
		  "frr_routeserver_peer_advertised_route_limit_reached\($l) \(.advertisedRouteLimitReached | b)"))

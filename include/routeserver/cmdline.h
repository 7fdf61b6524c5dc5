// SPDX-License-Identifier: GPL-2.0-or-later
/* Recognising vtysh command lines. Plain C, no FRR dependency. */
#ifndef ROUTESERVER_CMDLINE_H
#define ROUTESERVER_CMDLINE_H

#include <stdbool.h>

/*
 * True when a word of CMD, before any "|" output filter, is "json" or an
 * abbreviation of it (FRR's parser accepts "j", "js", "jso").
 */
bool rs_cmdline_has_json(const char *cmd);

#endif /* ROUTESERVER_CMDLINE_H */

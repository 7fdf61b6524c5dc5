// SPDX-License-Identifier: GPL-2.0-or-later
/* Recognising vtysh command lines. */
#include <string.h>

#include "routeserver/cmdline.h"

bool rs_cmdline_has_json(const char *cmd)
{
	const char *p = cmd;

	if (!p)
		return false;
	while (*p) {
		size_t len;

		p += strspn(p, " \t");
		if (*p == '|')
			return false;
		len = strcspn(p, " \t|");
		if (len > 0 && len <= 4 && strncmp(p, "json", len) == 0)
			return true;
		p += len;
	}
	return false;
}

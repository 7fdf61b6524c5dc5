// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libfrr's hooks around every command (lib/command.c). They are declared in
 * command.c only; libfrr exports them.
 */
#ifndef RS_CMDHOOKS_H
#define RS_CMDHOOKS_H

#include "hook.h"

struct vty;

DECLARE_HOOK(cmd_execute,
	     (struct vty * vty, const char *cmd_in, char **cmd_out),
	     (vty, cmd_in, cmd_out));
DECLARE_KOOH(cmd_execute_done, (struct vty * vty, const char *cmd_exec),
	     (vty, cmd_exec));

#endif /* RS_CMDHOOKS_H */

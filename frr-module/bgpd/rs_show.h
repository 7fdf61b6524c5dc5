// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server show commands. */
#ifndef RS_SHOW_H
#define RS_SHOW_H

void rs_show_init(void);

#endif /* RS_SHOW_H */

// SPDX-License-Identifier: GPL-2.0-or-later
/* Configuration problems that the route server accepts but reports. */
#ifndef RS_WARN_H
#define RS_WARN_H

struct rs_instance;

/* Calls EMIT once per current warning, with a full sentence; returns the count.
 */
unsigned int rs_warnings(struct rs_instance *rsi,
			 void (*emit)(const char *text, void *arg), void *arg);

/* Logs each current warning once, when it first appears. */
void rs_warn_log(struct rs_instance *rsi);

#endif /* RS_WARN_H */

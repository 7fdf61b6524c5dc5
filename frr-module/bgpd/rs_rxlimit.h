// SPDX-License-Identifier: GPL-2.0-or-later
/* The received-route limit counted as FRR 10 counts it, also on FRR 8.4. */
#ifndef RS_RXLIMIT_H
#define RS_RXLIMIT_H

void rs_rxlimit_init(void);

#endif /* RS_RXLIMIT_H */

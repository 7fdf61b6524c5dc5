// SPDX-License-Identifier: GPL-2.0-or-later
/* Role-assignment checks, as Azure Route Server applies them. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "routeserver/validate.h"

/* Azure Route Server FAQ: ASNs an NVA may not use. */
static const struct {
	uint32_t first, last;
} refused_nva_asns[] = {
	{8074, 8075},	/* Microsoft */
	{12076, 12076}, /* Microsoft (ExpressRoute) */
	{23456, 23456}, /* AS_TRANS */
	{64496, 64511}, /* documentation */
	{65515, 65515}, /* Azure Route Server / gateways */
	{65517, 65520}, /* reserved by Azure */
	{65535, 65551}, /* reserved, documentation */
};

bool rs_nva_asn_refused(uint32_t asn)
{
	for (size_t i = 0;
	     i < sizeof(refused_nva_asns) / sizeof(refused_nva_asns[0]); i++)
		if (asn >= refused_nva_asns[i].first &&
		    asn <= refused_nva_asns[i].last)
			return true;
	return false;
}

const char *rs_as_kind_name(enum rs_as_kind kind)
{
	switch (kind) {
	case RS_AS_NUMBER:
		return "a number";
	case RS_AS_INTERNAL:
		return "internal";
	case RS_AS_EXTERNAL:
		return "external";
	case RS_AS_AUTO:
		return "auto";
	case RS_AS_UNSET:
		break;
	}
	return "none";
}

struct rs_neighbor_facts rs_facts_make(bool is_peer_group, enum rs_as_kind kind,
				       uint32_t as, uint32_t local_as)
{
	struct rs_neighbor_facts facts = {.is_peer_group = is_peer_group,
					  .as_kind = kind};

	if (kind == RS_AS_NUMBER) {
		facts.remote_as = as;
		facts.ibgp = as == local_as;
	} else if (kind == RS_AS_INTERNAL) {
		facts.remote_as = local_as;
		facts.ibgp = true;
	}
	return facts;
}

const char *rs_facts_as_text(const struct rs_neighbor_facts *facts, char *buf,
			     size_t len)
{
	if (facts->as_kind == RS_AS_NUMBER)
		snprintf(buf, len, "remote AS %u",
			 (unsigned int)facts->remote_as);
	else if (facts->as_kind == RS_AS_UNSET)
		snprintf(buf, len, "no remote-as");
	else
		snprintf(buf, len, "remote-as %s",
			 rs_as_kind_name(facts->as_kind));
	return buf;
}

struct rs_neighbor_facts
rs_facts_after_join(const struct rs_neighbor_facts *peer,
		    const struct rs_neighbor_facts *group, uint32_t local_as)
{
	struct rs_neighbor_facts facts;

	if (peer->as_kind == RS_AS_UNSET)
		facts = *group;
	else if (peer->as_kind == RS_AS_NUMBER &&
		 group->as_kind == RS_AS_NUMBER)
		facts = rs_facts_make(false, RS_AS_NUMBER, group->remote_as,
				      local_as);
	else
		facts = *peer;
	facts.is_peer_group = false;
	return facts;
}

const char *rs_role_check(enum rs_role role,
			  const struct rs_neighbor_facts *facts)
{
	if (role <= RS_ROLE_NONE || role >= RS_ROLE_COUNT)
		return "unknown route-server role";
	switch (facts->as_kind) {
	case RS_AS_UNSET:
		if (facts->is_peer_group)
			return NULL;
		return "a route-server role peer needs a remote-as, a number or internal";
	case RS_AS_EXTERNAL:
	case RS_AS_AUTO:
		return "a route-server role peer needs a remote-as that is a number or "
		       "internal: with external or auto its AS is not known, and the "
		       "role's AS checks could not be made";
	case RS_AS_NUMBER:
	case RS_AS_INTERNAL:
		break;
	}
	if (role != RS_ROLE_NVA)
		return NULL;
	if (facts->ibgp)
		return "role nva needs an eBGP neighbor (remote AS different from the "
		       "local AS)";
	if (rs_nva_asn_refused(facts->remote_as))
		return "this AS number is refused for NVAs by Azure Route Server";
	return NULL;
}

bool rs_vpn_gateway_not_active_active(unsigned int count)
{
	return count > 0 && count < RS_VPN_GATEWAY_MIN_PEERS;
}

/* --- finding bgpd's commands by their words ---------------------------------
 */

/* A place in a command string or pattern, with its bracket depth. */
struct cmd_cursor {
	const char *p;
	int depth;
};

struct cmd_word {
	const char *s;
	size_t len;
	bool optional; /* in brackets: may be missing */
};

/* Punctuation that is no part of a word. */
static bool cmd_punct(char ch)
{
	return ch != '\0' && strchr("[]{}<>!", ch) != NULL;
}

/* The next character of W's text from *I on, or '\0' at its end. */
static char word_char(const struct cmd_word *w, size_t *i)
{
	while (*i < w->len) {
		char ch = w->s[(*i)++];

		if (ch == '$') {
			/* a variable name: up to the next punctuation */
			while (*i < w->len && !cmd_punct(w->s[*i]) &&
			       w->s[*i] != '|')
				(*i)++;
			continue;
		}
		if (!cmd_punct(ch))
			return ch;
	}
	return '\0';
}

static bool word_eq(const struct cmd_word *a, const struct cmd_word *b)
{
	size_t i = 0, j = 0;
	char x, y;

	do {
		x = word_char(a, &i);
		y = word_char(b, &j);
		if (x != y)
			return false;
	} while (x);
	return true;
}

/* The next word with any text from C on; false at the end. */
static bool next_word(struct cmd_cursor *c, struct cmd_word *w)
{
	for (;;) {
		const char *p = c->p;
		bool text = false;
		size_t i = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			return false;
		w->s = p;
		w->optional = c->depth > 0;
		for (; *p && *p != ' '; p++) {
			if (*p == '[' || *p == '{') {
				/* opened before the word's text: it is in it */
				w->optional |= !text;
				c->depth++;
			} else if (*p == ']' || *p == '}') {
				if (c->depth > 0)
					c->depth--;
			} else if (!cmd_punct(*p)) {
				text = true;
			}
		}
		w->len = p - w->s;
		c->p = p;
		if (word_char(w, &i))
			return true;
	}
}

static bool match_from(struct cmd_cursor cmd, struct cmd_cursor pat)
{
	struct cmd_cursor cmd_next = cmd, pat_next = pat;
	struct cmd_word cw, pw;
	static const struct cmd_word any = {"*", 1, false};

	if (!next_word(&pat_next, &pw))
		return true;
	/* a pattern word in brackets may be missing from the command */
	if (pw.optional && match_from(cmd, pat_next))
		return true;
	if (!next_word(&cmd_next, &cw))
		return false;
	if ((word_eq(&pw, &any) || word_eq(&pw, &cw)) &&
	    match_from(cmd_next, pat_next))
		return true;
	/* a command word in brackets may be passed over */
	return cw.optional && match_from(cmd_next, pat);
}

bool rs_cmd_matches(const char *cmd, const char *pattern)
{
	return match_from((struct cmd_cursor){cmd, 0},
			  (struct cmd_cursor){pattern, 0});
}

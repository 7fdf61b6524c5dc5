// SPDX-License-Identifier: GPL-2.0-or-later
/* Which command lines count as JSON commands (see rs_jsonguard.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "routeserver/cmdline.h"

static void test_json_words(void **state)
{
	(void)state;
	assert_true(rs_cmdline_has_json("show bgp neighbors json"));
	assert_true(rs_cmdline_has_json("show bgp neighbors 10.0.0.1 json"));
	assert_true(rs_cmdline_has_json("  show\tbgp neighbors js"));
	assert_true(rs_cmdline_has_json("show bgp neighbors j"));
	assert_true(rs_cmdline_has_json("show bgp json neighbors"));
}

static void test_not_json(void **state)
{
	(void)state;
	assert_false(rs_cmdline_has_json("show running-config"));
	assert_false(rs_cmdline_has_json("write memory"));
	assert_false(rs_cmdline_has_json("show bgp neighbors jsonx"));
	assert_false(rs_cmdline_has_json("show bgp neighbors xjson"));
	assert_false(rs_cmdline_has_json("show running-config | include json"));
	assert_false(rs_cmdline_has_json(""));
	assert_false(rs_cmdline_has_json(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_words),
		cmocka_unit_test(test_not_json),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}

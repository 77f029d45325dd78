/* check_record.c — tools/record.c: customizations and the JSON record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record.h"
#include "unit.h"

static void sample(struct record *r)
{
	struct cust c;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	c.kind = CUST_PORT;
	strcpy(c.proto, "tcp");
	c.low = 8000;
	c.high = 8010;
	c.type = "gotosocial_port_t";
	c.has_prev = 1;
	c.prev_type = "http_port_t";
	ck_assert_int_eq(record_add(r, &c), 0);
	memset(&c, 0, sizeof(c));
	c.kind = CUST_FCONTEXT;
	c.expr = "/srv/a\\x20b\\.c(/.*)?";
	c.type = "gotosocial_storage_t";
	ck_assert_int_eq(record_add(r, &c), 0);
	memset(&c, 0, sizeof(c));
	c.kind = CUST_BOOLEAN;
	c.name = "gotosocial_bind_http";
	c.value = 1;
	c.has_prev = 1;
	c.prev_value = 0;
	ck_assert_int_eq(record_add(r, &c), 0);
}

START_TEST(roundtrip)
{
	struct record r, back;
	struct gts_err e = { 0 };
	char *json;
	size_t i;

	sample(&r);
	json = record_to_json(&r, 200);
	ck_assert_ptr_nonnull(json);
	ck_assert_ptr_nonnull(strstr(json, "\"priority\":200"));
	ck_assert_msg(record_parse(json, &back, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(back.n, 3);
	for (i = 0; i < 3; i++) {
		ck_assert(cust_same_key(&r.v[i], &back.v[i]));
		ck_assert_int_eq(r.v[i].has_prev, back.v[i].has_prev);
	}
	ck_assert_str_eq(back.v[0].prev_type, "http_port_t");
	ck_assert_str_eq(back.v[1].expr, "/srv/a\\x20b\\.c(/.*)?");
	ck_assert_int_eq(back.v[2].value, 1);
	ck_assert_int_eq(back.v[2].prev_value, 0);
	free(json);
	record_free(&r);
	record_free(&back);
}
END_TEST

START_TEST(parse_errors)
{
	static const char *const bad[] = {
		"", "{", "[]", "{\"format\":1}", "{\"customizations\":[]}",
		"{\"format\":1,\"customizations\":{}}",
		"{\"format\":1,\"customizations\":[{\"kind\":\"port\"}]}",
		"{\"format\":1,\"customizations\":[{\"kind\":\"port\",\"proto\":\"tcp\",\"low\":0,\"high\":1,\"type\":\"t\"}]}",
		"{\"format\":1,\"customizations\":[{\"kind\":\"port\",\"proto\":\"tcp\",\"low\":5,\"high\":4,\"type\":\"t\"}]}",
		"{\"format\":1,\"customizations\":[{\"kind\":\"boolean\",\"name\":\"b\",\"value\":\"yes\"}]}",
		"{\"format\":1,\"customizations\":[{\"kind\":\"fcontext\",\"expr\":\"/x\"}]}",
		"{\"format\":1,\"customizations\":[{\"kind\":\"node\"}]}",
		("{\"format\":1,\"customizations\":[{\"kind\":\"boolean\",\"name\":\"b\",\"value\":true},"
		 "{\"kind\":\"boolean\",\"name\":\"b\",\"value\":false}]}"),
	};
	struct record r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gts_err e = { 0 };

		ck_assert_msg(record_parse(bad[i], &r, &e) < 0, "accepted #%zu: %s", i, bad[i]);
		ck_assert_int_eq(e.code, GTS_EFAIL);
		ck_assert_ptr_null(r.v);
	}
}
END_TEST

START_TEST(newer_format)
{
	struct record r;
	struct gts_err e = { 0 };

	ck_assert_int_lt(record_parse("{\"format\":2,\"customizations\":[]}", &r, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "newer"));
}
END_TEST

START_TEST(save_load)
{
	char dir[4200], path[4300];
	struct record r, back;
	struct gts_err e = { 0 };
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/rec.XXXXXX", unit_env("GTS_TEST_TMP"));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* missing = empty */
	ck_assert_int_eq(record_load(dir, &back, &e), 0);
	ck_assert_uint_eq(back.n, 0);
	sample(&r);
	ck_assert_int_eq(record_save(dir, &r, 300, &e), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, RECORD_FILE);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	snprintf(path, sizeof(path), "%s/%s.new", dir, RECORD_FILE);
	ck_assert_int_lt(stat(path, &st), 0);	/* no temp file left */
	ck_assert_int_eq(record_load(dir, &back, &e), 0);
	ck_assert_uint_eq(back.n, 3);
	record_free(&back);
	/* an empty record removes the file */
	record_free(&r);
	ck_assert_int_eq(record_save(dir, &r, 200, &e), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, RECORD_FILE);
	ck_assert_int_lt(stat(path, &st), 0);
	/* an empty file is an error, not an empty record */
	ck_assert_ptr_nonnull(fopen(path, "w"));
	ck_assert_int_lt(record_load(dir, &back, &e), 0);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(keys)
{
	struct record r;
	struct cust c;
	char buf[128];

	sample(&r);
	ck_assert_str_eq(cust_key_str(&r.v[0], buf, sizeof(buf)), "tcp/8000-8010");
	ck_assert_str_eq(cust_key_str(&r.v[2], buf, sizeof(buf)), "gotosocial_bind_http");
	memset(&c, 0, sizeof(c));
	c.kind = CUST_PORT;
	strcpy(c.proto, "udp");
	c.low = 8000;
	c.high = 8010;
	ck_assert_int_eq(record_find(&r, &c), -1);	/* other protocol */
	strcpy(c.proto, "tcp");
	ck_assert_int_eq(record_find(&r, &c), 0);
	c.high = 8000;
	ck_assert_int_eq(record_find(&r, &c), -1);	/* other range */
	c.low = c.high = 80;
	ck_assert_str_eq(cust_key_str(&c, buf, sizeof(buf)), "tcp/80");
	record_free(&r);
}
END_TEST

Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, roundtrip);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, newer_format);
	tcase_add_test(tc, save_load);
	tcase_add_test(tc, keys);
	suite_add_tcase(s, tc);
	return s;
}

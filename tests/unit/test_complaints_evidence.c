/* test_complaints_evidence.c -- evidence type sniffing by magic bytes and
 * file name cleaning (plugins/complaints/filecheck.c, linked directly). */
#include "config.h"
#include <string.h>
#include "check.h"
#include "../../plugins/complaints/evidence.h"

#define SNIFF(lit) cp_sniff((const unsigned char *)(lit), sizeof(lit) - 1)

START_TEST(sniff_accepts_by_content)
{
    ck_assert_str_eq(SNIFF("\xFF\xD8\xFF\xE0....JFIF"), "image/jpeg");
    ck_assert_str_eq(SNIFF("\x89PNG\r\n\x1a\n"), "image/png");
    ck_assert_str_eq(SNIFF("GIF89a"), "image/gif");
    ck_assert_str_eq(SNIFF("%PDF-1.7\n"), "application/pdf");
    ck_assert_str_eq(SNIFF("ID3\x04\x00"), "audio/mpeg");
    ck_assert_str_eq(SNIFF("\xFF\xFB\x90\x00"), "audio/mpeg");
    ck_assert_str_eq(SNIFF("RIFF\x24\x08\x00\x00WAVEfmt "), "audio/wav");
    ck_assert_str_eq(SNIFF("\x00\x00\x00\x18" "ftypmp42"), "video/mp4");
    ck_assert_str_eq(SNIFF("\x1A\x45\xDF\xA3\x9F"), "video/webm");
}
END_TEST

START_TEST(sniff_refuses_everything_else)
{
    ck_assert_ptr_null(SNIFF("just text pretending to be a .png"));
    ck_assert_ptr_null(SNIFF("<svg xmlns="));
    ck_assert_ptr_null(SNIFF("<html><script>"));
    ck_assert_ptr_null(SNIFF("RIFF\x24\x08\x00\x00" "AVI LIST"));
    ck_assert_ptr_null(SNIFF("MZ\x90\x00"));
    ck_assert_ptr_null(SNIFF("\x89PN"));     /* too short */
    ck_assert_ptr_null(cp_sniff((const unsigned char *)"", 0));
}
END_TEST

START_TEST(filename_cleaning)
{
    char out[CP_FILENAME_MAX + 1], ascii[CP_FILENAME_MAX + 1], big[1000];

    cp_filename_clean("C:\\Users\\x\\现场照片.jpg", out);
    ck_assert_str_eq(out, "现场照片.jpg");
    cp_filename_clean("../../etc/passwd", out);
    ck_assert_str_eq(out, "passwd");
    cp_filename_clean("a\"b\r\nc<d>.png", out);
    ck_assert_str_eq(out, "a_b__c_d_.png");
    cp_filename_clean("..", out);
    ck_assert_str_eq(out, "attachment");
    cp_filename_clean(NULL, out);
    ck_assert_str_eq(out, "attachment");
    cp_filename_clean("bad\xC3(utf8\xED\xA0\x80.pdf", out);
    ck_assert_str_eq(out, "bad_(utf8___.pdf");
    /* 300 three-byte characters: cut at a character boundary, <= 200 bytes */
    big[0] = '\0';
    for (int i = 0; i < 150; i++)
        strcat(big, "投诉");
    cp_filename_clean(big, out);
    ck_assert_uint_eq(strlen(out), 198);
    cp_filename_ascii("现场 photo\".png", ascii);
    ck_assert_str_eq(ascii, "__ photo_.png");
}
END_TEST

Suite *complaints_evidence_suite(void)
{
    Suite *s = suite_create("complaints_evidence");
    TCase *tc = tcase_create("evidence");
    tcase_add_test(tc, sniff_accepts_by_content);
    tcase_add_test(tc, sniff_refuses_everything_else);
    tcase_add_test(tc, filename_cleaning);
    suite_add_tcase(s, tc);
    return s;
}

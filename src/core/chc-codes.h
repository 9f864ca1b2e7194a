/* chc-codes.h — the national codes a district, town or facility carries:
 * 行政区划代码 (GB/T 2260), 乡镇级代码, 统一社会信用代码 (GB 32100-2015)
 * and 医疗机构执业许可证登记号.  Form checks only (no GTK, no SQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The weighted check character (GB 32100-2015) of the first 17 characters
 * of @code, or '\0' when one of them is not in the code's character set
 * (0-9 A-H J-N P-R T U W-Y: no I, O, S, V, Z). */
char      chc_credit_code_check_char (const char  *code);

/* Checks a 统一社会信用代码: 18 characters of the code's character set,
 * capitals; the 登记管理部门代码 (1st) and 机构类别代码 (2nd) of that set,
 * the 登记管理机关行政区划码 (3rd–8th) six digits, the 主体标识码
 * (9th–17th) of that set, and the check character (18th) the one
 * GB 32100-2015 computes.  On failure returns FALSE and a translated
 * reason without the field's name (the expected check character when it is
 * wrong) in @reason (may be NULL). */
gboolean  chc_credit_code_check      (const char  *code,
                                      char       **reason);

/* Checks a 医疗机构执业许可证登记号 for its form only, permissively: the
 * numbers issued in Shanghai (and by the national register) are 22 or 23
 * characters of digits and Latin letters (the organisation code, the
 * 行政区划代码, the kind of institution, a serial and a letter), but the
 * layout has varied over the years and between provinces, so only the
 * length and the characters are checked: no space, no control character,
 * nothing but ASCII digits and letters. */
gboolean  chc_license_no_check       (const char  *number,
                                      char       **reason);

/* Checks a town's 乡镇级代码: nine digits, beginning with the six digits
 * of its district's 行政区划代码 @district_code (when not NULL). */
gboolean  chc_town_code_check        (const char  *code,
                                      const char  *district_code,
                                      char       **reason);

/* @text without the spaces around it and with Latin letters in capitals
 * (how the codes are compared and stored); NULL for NULL (a new string). */
char     *chc_code_normalize         (const char  *text);

G_END_DECLS

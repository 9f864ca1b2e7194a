/* chc-json.h — the flat JSON objects the store writes for whole rows
 * (the audit log's inserted and deleted rows), read back for display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *key;
  char *value;   /* the text of a string, the digits of a number, "true",
                    "false"; NULL for null */
} ChcJsonMember;

/* The members of a JSON object whose values are strings, numbers, true,
 * false or null, in order; NULL when @json is anything else. */
GPtrArray *chc_json_parse_flat_object (const char *json);

/* A JSON array of the strings @items (@n of them, or up to NULL when @n is
 * -1): what SQL reads with json_each() to bind a list of codes. */
char      *chc_json_string_array      (const char * const *items,
                                       gssize              n);

G_END_DECLS

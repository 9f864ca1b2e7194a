/* chc-json.c — reading flat JSON objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "chc-json.h"

static void
member_free (gpointer data)
{
  ChcJsonMember *member = data;

  g_free (member->key);
  g_free (member->value);
  g_free (member);
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A JSON string at @p (on its opening quote); sets *end after it. */
static char *
parse_string (const char  *p,
              const char **end)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (*p != '"')
    return NULL;
  for (p++; *p != '"'; p++)
    {
      if (*p == '\0' || (guchar) *p < 0x20)
        return NULL;
      if (*p != '\\')
        {
          g_string_append_c (text, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case '"': case '\\': case '/':
          g_string_append_c (text, *p);
          break;
        case 'b': g_string_append_c (text, '\b'); break;
        case 'f': g_string_append_c (text, '\f'); break;
        case 'n': g_string_append_c (text, '\n'); break;
        case 'r': g_string_append_c (text, '\r'); break;
        case 't': g_string_append_c (text, '\t'); break;
        case 'u':
          {
            int unit = hex4 (p + 1);
            gunichar c;

            if (unit < 0)
              return NULL;
            p += 4;
            c = (gunichar) unit;
            if (unit >= 0xd800 && unit < 0xdc00 && p[1] == '\\' && p[2] == 'u')
              {
                int low = hex4 (p + 3);

                if (low < 0xdc00 || low >= 0xe000)
                  return NULL;
                c = 0x10000 + ((gunichar) (unit - 0xd800) << 10) + (gunichar) (low - 0xdc00);
                p += 6;
              }
            if (!g_unichar_validate (c))
              return NULL;
            g_string_append_unichar (text, c);
          }
          break;
        default:
          return NULL;
        }
    }
  *end = p + 1;
  if (!g_utf8_validate (text->str, text->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
chc_json_parse_flat_object (const char *json)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (member_free);
  const char *p;

  g_return_val_if_fail (json != NULL, NULL);

  p = skip_space (json);
  if (*p != '{')
    return NULL;
  p = skip_space (p + 1);
  if (*p == '}')
    return *skip_space (p + 1) == '\0' ? g_steal_pointer (&members) : NULL;

  for (;;)
    {
      ChcJsonMember *member = g_new0 (ChcJsonMember, 1);

      g_ptr_array_add (members, member);
      member->key = parse_string (p, &p);
      if (member->key == NULL)
        return NULL;
      p = skip_space (p);
      if (*p != ':')
        return NULL;
      p = skip_space (p + 1);
      if (*p == '"')
        {
          member->value = parse_string (p, &p);
          if (member->value == NULL)
            return NULL;
        }
      else if (strncmp (p, "null", 4) == 0)
        p += 4;
      else if (strncmp (p, "true", 4) == 0 || strncmp (p, "false", 5) == 0)
        {
          member->value = g_strdup (*p == 't' ? "true" : "false");
          p += *p == 't' ? 4 : 5;
        }
      else
        {
          const char *start = p;

          if (*p == '-')
            p++;
          if (!g_ascii_isdigit (*p))
            return NULL;
          while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
            p++;
          member->value = g_strndup (start, p - start);
        }
      p = skip_space (p);
      if (*p == ',')
        {
          p = skip_space (p + 1);
          continue;
        }
      if (*p == '}' && *skip_space (p + 1) == '\0')
        return g_steal_pointer (&members);
      return NULL;
    }
}

char *
chc_json_string_array (const char * const *items,
                       gssize              n)
{
  GString *json = g_string_new ("[");

  for (gssize i = 0; items != NULL && (n < 0 ? items[i] != NULL : i < n); i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *c = items[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (json, '\\');
          if ((guchar) *c < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar) *c);
          else
            g_string_append_c (json, *c);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* chc-bench-csv-gen.c — writes a registry CSV and a large signing CSV for
 * bench/run-csv-import.sh: FACILITIES centres spread over the three
 * districts, and their monthly signing figures, ROWS rows in all (whole
 * months per facility, facility by facility within each month, as a
 * hospital information system exports them).  The figures move smoothly,
 * so that they break no rule and raise no warning.
 *
 *   chc-bench-csv-gen FACILITIES ROWS facilities.csv signing.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

static const char *const districts[] = { "青浦区", "长宁区", "松江区" };

int
main (int    argc,
      char **argv)
{
  long n_facilities, n_rows, n_months;
  FILE *fac, *sig;

  if (argc != 5 || (n_facilities = atol (argv[1])) <= 0 || (n_rows = atol (argv[2])) <= 0)
    {
      fprintf (stderr, "usage: %s FACILITIES ROWS facilities.csv signing.csv\n", argv[0]);
      return 2;
    }
  n_months = (n_rows + n_facilities - 1) / n_facilities;
  if (n_months > 12 * 150)
    {
      fprintf (stderr, "%s: too many months per facility (%ld); add facilities\n", argv[0], n_months);
      return 2;
    }

  fac = fopen (argv[3], "w");
  sig = fopen (argv[4], "w");
  if (fac == NULL || sig == NULL)
    {
      perror (argv[0]);
      return 2;
    }

  fputs ("机构编码,机构名称,机构类型,区\r\n", fac);
  for (long f = 0; f < n_facilities; f++)
    fprintf (fac, "B%06ld,基准测试社区卫生服务中心%06ld,社区卫生服务中心,%s\r\n",
             f, f, districts[f % 3]);

  fputs ("机构编码,机构名称,区,统计月份,常住人口,签约人数,重点人群数,重点人群签约数,"
         "互联网签约数,签约居民就诊人次,签约居民社区就诊人次\r\n", sig);
  for (long m = 0, written = 0; m < n_months && written < n_rows; m++)
    {
      long year = 2026 - n_months / 12 - 1 + (m / 12);
      long month = m % 12 + 1;

      for (long f = 0; f < n_facilities && written < n_rows; f++, written++)
        {
          long population = 40000 + (f * 7919) % 60000 + m * 20;
          long coverage = 300 + (f * 31) % 150 + m / 4;          /* per mille, +0.1 point a month at most */
          long signed_residents = population * (coverage > 900 ? 900 : coverage) / 1000;
          long key = population * 30 / 100;
          long key_signed = key * (600 + (f % 200)) / 1000;
          long online = signed_residents / 20;
          long visits = signed_residents * 4 / 10;
          long in_community = visits * 85 / 100;

          fprintf (sig, "B%06ld,基准测试社区卫生服务中心%06ld,%s,%04ld-%02ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld\r\n",
                   f, f, districts[f % 3], year, month, population, signed_residents, key,
                   key_signed, online, visits, in_community);
        }
    }

  if (fclose (fac) != 0 || fclose (sig) != 0)
    {
      perror (argv[0]);
      return 2;
    }
  return 0;
}

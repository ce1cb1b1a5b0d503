/* Kiosk-made ids (src/core/ids.c): format, uniqueness, order by time. */
#include "db_test_util.h"

#include "core/ids.h"

#define N 100000

static int cmp_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_format(void)
{
    char id[YK_ID_LEN + 1];
    yk_id_make(id, 0);
    CHECK(strlen(id) == YK_ID_LEN);
    CHECK(strncmp(id, "0000000000", 10) == 0);
    CHECK(yk_id_valid(id));
    CHECK(yk_id_time_ms(id) == 0);

    yk_id_make(id, (1LL << 48) - 1);
    CHECK(strncmp(id, "7ZZZZZZZZZ", 10) == 0);
    CHECK(yk_id_time_ms(id) == (1LL << 48) - 1);

    /* The ULID spec's example time: 1469918176385 ms encodes as 01ARYZ6S41. */
    yk_id_make(id, 1469918176385LL);
    CHECK(strncmp(id, "01ARYZ6S41", 10) == 0);

    CHECK(!yk_id_valid(NULL));
    CHECK(!yk_id_valid(""));
    CHECK(!yk_id_valid("01ARYZ6S41TSV4RRFFQ69G5FA"));   /* 25 */
    CHECK(!yk_id_valid("01ARYZ6S41TSV4RRFFQ69G5FAVV")); /* 27 */
    CHECK(yk_id_valid("01ARYZ6S41TSV4RRFFQ69G5FAV"));
    CHECK(!yk_id_valid("01ARYZ6S41TSV4RRFFQ69G5FAU")); /* U is not Crockford */
    CHECK(!yk_id_valid("01aryz6s41tsv4rrffq69g5fav")); /* lower case */
    CHECK(!yk_id_valid("81ARYZ6S41TSV4RRFFQ69G5FAV")); /* more than 128 bits */
    CHECK(yk_id_time_ms("81ARYZ6S41TSV4RRFFQ69G5FAV") == -1);
}

static void test_unique_and_ordered(void)
{
    char(*ids)[YK_ID_LEN + 1] = malloc(sizeof *ids * N);
    CHECK(ids);
    const long long t0 = T_2026_12_01_MS;

    /* Same millisecond: still unique (80 random bits). */
    for (int i = 0; i < N; i++)
        yk_id_make(ids[i], t0);
    qsort(ids, N, sizeof *ids, cmp_id);
    for (int i = 0; i < N; i++) {
        CHECK(yk_id_valid(ids[i]));
        CHECK(yk_id_time_ms(ids[i]) == t0);
        if (i)
            CHECK(strcmp(ids[i - 1], ids[i]) < 0);
    }

    /* Increasing time: string order is creation order; the time decodes back. */
    for (int i = 0; i < N; i++) {
        yk_id_make(ids[i], t0 + i);
        CHECK(yk_id_time_ms(ids[i]) == t0 + i);
        if (i)
            CHECK(strcmp(ids[i - 1], ids[i]) < 0);
    }

    /* The random part really varies in every position. */
    bool varied[YK_ID_LEN] = {0};
    for (int i = 1; i < 1000; i++)
        for (int c = 10; c < YK_ID_LEN; c++)
            if (ids[i][c] != ids[0][c])
                varied[c] = true;
    for (int c = 10; c < YK_ID_LEN; c++)
        CHECK(varied[c]);
    free(ids);
}

int main(void)
{
    test_format();
    test_unique_and_ordered();
    puts("test_db_ids: ok");
    return yk_test_done();
}

#include "hub/hub_request.h"

#include <stdlib.h>

void yk_hub_response_free(struct yk_hub_response *rs)
{
    if (!rs)
        return;
    free(rs->body);
    rs->body = NULL;
    rs->len = 0;
    free(rs->headers);
    rs->headers = NULL;
}

/* check_status.c — tools/status.c. */
#include "unit.h"

Suite *status_suite(void)
{
	return suite_create("status");
}

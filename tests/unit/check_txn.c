/* check_txn.c — tools/txn.c. */
#include "unit.h"

Suite *txn_suite(void)
{
	return suite_create("txn");
}

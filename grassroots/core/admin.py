"""The kernel's records are kept in the back office by `accounts.core_admin` (narrowing them
needs the roles' scope, which sits above the kernel)."""

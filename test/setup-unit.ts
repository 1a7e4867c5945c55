// Unit tests never touch a database, but modules importing ~/env validate it at import:
// give them placeholders unless the environment has real values.
process.env.DATABASE_URL ||= "postgresql://placeholder@127.0.0.1:5432/placeholder";
process.env.AUTH_SECRET ||= "test-secret-for-unit-tests-0123456789abcdef";

CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO customers SELECT n, chr(97 + n % 26) || n || '@example.com' FROM generate_series(1, 5000) AS n;
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,
  total numeric(10, 2) NOT NULL, reference uuid NOT NULL, gift bool NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO orders SELECT n, 1 + n % 5000, (ARRAY['new', 'paid', 'shipped'])[1 + n % 3],
  (n % 50000) / 100.0, gen_random_uuid(), n % 7 = 0, now() - n * interval '1 minute' FROM generate_series(1, 100000) AS n;
CREATE INDEX ON orders (customer_id, created_at);
ANALYZE orders;

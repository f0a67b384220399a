create table orders (id identity primary key, item varchar(100) not null);

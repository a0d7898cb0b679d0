<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>LoginDialog</name>
    <message>
        <source>Opening the database…</source>
        <translation>Đang mở cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Opening the database… you will be logged in as soon as it is open.</source>
        <translation>Đang mở cơ sở dữ liệu… Chương trình sẽ đăng nhập ngay khi mở xong.</translation>
    </message>
    <message>
        <source>Opening the database again…</source>
        <translation>Đang mở lại cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
</context>
</TS>

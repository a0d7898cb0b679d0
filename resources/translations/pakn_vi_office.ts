<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>SettingsView</name>
    <message>
        <source>Postal address</source>
        <translation>Địa chỉ bưu chính</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Địa chỉ thư điện tử</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Office details to update</source>
        <translation>Cần cập nhật thông tin cơ quan</translation>
    </message>
</context>
</TS>

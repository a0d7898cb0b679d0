<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseListView</name>
    <message>
        <source>Open cases</source>
        <translation>Đang mở</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>the check digit does not match; did you mean %1?</source>
        <translation>chữ số kiểm tra không khớp; có phải là %1?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>An unsaved intake form from an earlier session is waiting on the Intake page.</source>
        <translation>Có một phiếu tiếp nhận chưa lưu từ phiên làm việc trước đang chờ ở trang Tiếp nhận.</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Checking the database in the background…</source>
        <translation>Đang kiểm tra cơ sở dữ liệu trong nền…</translation>
    </message>
    <message>
        <source>Database checked: no damage found (%1 s).</source>
        <translation>Đã kiểm tra cơ sở dữ liệu: không phát hiện hư hỏng (%1 giây).</translation>
    </message>
    <message>
        <source>The database is damaged: nothing can be saved.</source>
        <translation>Cơ sở dữ liệu bị hỏng: không thể lưu gì.</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>Cơ sở dữ liệu bị hỏng</translation>
    </message>
</context>
</TS>

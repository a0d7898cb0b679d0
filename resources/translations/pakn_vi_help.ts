<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Go to the page «%1»</source>
        <translation>Mở trang «%1»</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>User guide</source>
        <translation>Hướng dẫn sử dụng</translation>
    </message>
</context>
<context>
    <name>ShortcutsWindow</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dùng ở</translation>
    </message>
    <message>
        <source>Alt with the underlined letter of a menu opens it. A page's own shortcuts are listed once the page has been opened.</source>
        <translation>Nhấn Alt cùng chữ cái được gạch chân của một menu để mở menu đó. Phím tắt riêng của một trang được liệt kê sau khi trang đó đã được mở.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Tạo mới</translation>
    </message>
    <message>
        <source>Cancel or close</source>
        <translation>Hủy hoặc đóng</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>Cả cửa sổ</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <source>Open the selected case</source>
        <translation>Mở hồ sơ đang chọn</translation>
    </message>
</context>
</TS>

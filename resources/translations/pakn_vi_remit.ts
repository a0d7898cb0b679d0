<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>SettingsView</name>
    <message>
        <source>Other agencies' remit</source>
        <translation>Thẩm quyền các cơ quan</translation>
    </message>
    <message>
        <source>A PAKN whose text has one of an agency's words is suggested as not in the office's remit, naming that agency. One agency per line: the agency's name, a colon, then its words separated by commas, e.g. «Sở Y tế: bệnh viện, trạm y tế, khám chữa bệnh». Words may be typed with or without accents; lines starting with # are notes.</source>
        <translation>PAKN có nội dung chứa một từ khóa của cơ quan nào thì được gợi ý là không thuộc thẩm quyền của cơ quan mình và nêu tên cơ quan đó. Mỗi dòng một cơ quan: tên cơ quan, dấu hai chấm, rồi các từ khóa cách nhau bằng dấu phẩy, ví dụ «Sở Y tế: bệnh viện, trạm y tế, khám chữa bệnh». Từ khóa có thể gõ có dấu hoặc không dấu; dòng bắt đầu bằng # là ghi chú.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n agency(s).</source>
        <translation><numerusform>Đã lưu: %n cơ quan.</numerusform></translation>
    </message>
    <message>
        <source>Province or city</source>
        <translation>Tỉnh, thành phố</translation>
    </message>
    <message>
        <source>Choose the province or city of the governing body from the list.</source>
        <translation>Vui lòng chọn tỉnh, thành phố của cơ quan chủ quản trong danh sách.</translation>
    </message>
</context>
</TS>

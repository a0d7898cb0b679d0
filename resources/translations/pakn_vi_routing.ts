<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Suggestion</source>
        <translation>Gợi ý phân loại</translation>
    </message>
    <message>
        <source>Use the suggestion (%1)</source>
        <translation>Dùng gợi ý (%1)</translation>
    </message>
    <message>
        <source>Link to the earlier PAKN</source>
        <translation>Liên kết với PAKN trước</translation>
    </message>
    <message>
        <source>A suggestion appears once the content is typed.</source>
        <translation>Gợi ý sẽ hiện khi đã nhập nội dung.</translation>
    </message>
    <message>
        <source>Looking at earlier decisions…</source>
        <translation>Đang đối chiếu các PAKN đã phân loại…</translation>
    </message>
    <message>
        <source>Scope: %1 (%2%)</source>
        <translation>Phạm vi: %1 (%2%)</translation>
    </message>
    <message>
        <source>Mixed: also %1 (“%2”): accept the part in scope, advise on the rest.</source>
        <translation>Nội dung hỗn hợp: có phần %1 («%2»); tiếp nhận phần thuộc phạm vi, hướng dẫn phần còn lại.</translation>
    </message>
    <message>
        <source>Competent agency: %1</source>
        <translation>Cơ quan có thẩm quyền: %1</translation>
    </message>
    <message>
        <source>Ground preselected: %1</source>
        <translation>Lý do chọn sẵn: %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>theo %1</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>Chủ đề:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>Official:</source>
        <translation>Công chức:</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 PAKN đang xử lý</translation>
    </message>
    <message>
        <source>May repeat PAKN %1 received %2 (%3).</source>
        <translation>Có thể trùng PAKN %1 tiếp nhận ngày %2 (%3).</translation>
    </message>
    <message>
        <source>Linked to PAKN %1.</source>
        <translation>Đã liên kết với PAKN %1.</translation>
    </message>
</context>
</TS>

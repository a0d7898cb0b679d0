<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>RepeatNote</name>
    <message>
        <source>Linked as the same PAKN with %1. The answer went out with PAKN %2 (answer letter no. %3): no second answer letter is issued for this case.</source>
        <translation>Đã liên kết là cùng một PAKN với %1. PAKN %2 đã được trả lời bằng văn bản trả lời số %3: không ban hành thêm văn bản trả lời cho PAKN này.</translation>
    </message>
    <message>
        <source>Linked as the same PAKN with %1. This case's answer letter no. %2 answers them all.</source>
        <translation>Đã liên kết là cùng một PAKN với %1. Văn bản trả lời số %2 của PAKN này là văn bản trả lời chung cho các PAKN đã liên kết.</translation>
    </message>
    <message>
        <source>Linked as the same PAKN with %1: only one answer letter goes out, with the first of them answered.</source>
        <translation>Đã liên kết là cùng một PAKN với %1: chỉ ban hành một văn bản trả lời, ở PAKN được trả lời trước.</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Closed as answered already: %1.</source>
        <translation>Đã đóng hồ sơ do đã được trả lời: %1.</translation>
    </message>
    <message>
        <source>Unlink…</source>
        <translation>Bỏ liên kết…</translation>
    </message>
    <message>
        <source>Link as the same PAKN</source>
        <translation>Liên kết là cùng một PAKN</translation>
    </message>
    <message>
        <source>Link PAKN %1 with PAKN %2 as the same PAKN? Only one answer letter goes out for linked PAKN: once one of them is answered, the others still open are closed as answered by that letter. A head can undo the link.</source>
        <translation>Liên kết PAKN %1 với PAKN %2 là cùng một PAKN? Các PAKN đã liên kết chỉ có một văn bản trả lời: khi một PAKN được trả lời, các PAKN còn mở sẽ được đóng theo văn bản đó. Lãnh đạo có thể bỏ liên kết.</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Liên kết</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Bỏ liên kết</translation>
    </message>
    <message>
        <source>Which PAKN is not the same as PAKN %1?</source>
        <translation>PAKN nào không phải là cùng một PAKN với %1?</translation>
    </message>
    <message>
        <source>Remove the link between PAKN %1 and PAKN %2? Each will then need its own answer; a PAKN closed as answered by the other is reopened.</source>
        <translation>Bỏ liên kết giữa PAKN %1 và PAKN %2? Khi đó mỗi PAKN cần được trả lời riêng; PAKN đã đóng theo văn bản trả lời của PAKN kia sẽ được mở lại.</translation>
    </message>
    <message>
        <source>The link with PAKN %1 was removed.</source>
        <translation>Đã bỏ liên kết với PAKN %1.</translation>
    </message>
    <message>
        <source>Reopened: %1.</source>
        <translation>Đã mở lại: %1.</translation>
    </message>
</context>
</TS>

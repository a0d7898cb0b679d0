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
</context>
</TS>

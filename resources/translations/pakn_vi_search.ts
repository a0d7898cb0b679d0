<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseListView</name>
    <message>
        <source>Shown: more than %1 cases</source>
        <translation>Hiển thị: hơn %1 PAKN</translation>
    </message>
</context>
</TS>

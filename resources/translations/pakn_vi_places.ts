<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>StatisticsView</name>
    <message>
        <source>Received by province (where the person lives)</source>
        <translation>Tiếp nhận theo tỉnh, thành phố (nơi cư trú của người phản ánh)</translation>
    </message>
    <message>
        <source>Received by commune (where the person lives)</source>
        <translation>Tiếp nhận theo xã, phường (nơi cư trú của người phản ánh)</translation>
    </message>
</context>
</TS>

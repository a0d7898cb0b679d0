<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>StatisticsView</name>
    <message>
        <source>Received by classification outcome</source>
        <translation>Tiếp nhận theo kết quả phân loại</translation>
    </message>
    <message>
        <source>Open now, by deadline</source>
        <translation>Đang mở, theo thời hạn</translation>
    </message>
    <message>
        <source>Open now and overdue, by official</source>
        <translation>Đang mở và quá hạn, theo công chức</translation>
    </message>
    <message>
        <source>Handled in the period</source>
        <translation>Đã xử lý trong kỳ</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Trễ hạn</translation>
    </message>
    <message>
        <source>Handled by unit</source>
        <translation>Đã xử lý theo đơn vị</translation>
    </message>
</context>
</TS>

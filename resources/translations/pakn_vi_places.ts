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
<context>
    <name>CaseFields</name>
    <message>
        <source>House number, street, village, group…</source>
        <translation>Số nhà, đường, thôn, tổ…</translation>
    </message>
    <message>
        <source>Choose the province or city from the list.</source>
        <translation>Vui lòng chọn tỉnh, thành phố trong danh sách.</translation>
    </message>
    <message>
        <source>Choose the commune or ward from the list.</source>
        <translation>Vui lòng chọn xã, phường trong danh sách.</translation>
    </message>
</context>
<context>
    <name>ProvincePicker</name>
    <message>
        <source>Province or city (type, with or without accents)</source>
        <translation>Tỉnh, thành phố (gõ có dấu hoặc không dấu)</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <source>Commune or ward</source>
        <translation>Xã, phường, đặc khu</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Province or city *</source>
        <translation>Tỉnh, thành phố *</translation>
    </message>
    <message>
        <source>From the province, e.g. Quảng Ngãi</source>
        <translation>Theo tỉnh, thành phố đã chọn, ví dụ Quảng Ngãi</translation>
    </message>
    <message>
        <source>From the province, e.g. UBND TỈNH QUẢNG NGÃI</source>
        <translation>Theo tỉnh, thành phố đã chọn, ví dụ UBND TỈNH QUẢNG NGÃI</translation>
    </message>
    <message>
        <source>Commune or ward of the office</source>
        <translation>Xã, phường nơi đặt trụ sở</translation>
    </message>
    <message>
        <source>House number, street; then the commune chosen above</source>
        <translation>Số nhà, đường; sau đó là xã, phường đã chọn ở trên</translation>
    </message>
    <message>
        <source>Choose the province or city of the governing body from the list.</source>
        <translation>Vui lòng chọn tỉnh, thành phố của cơ quan chủ quản trong danh sách.</translation>
    </message>
    <message>
        <source>The issuing agency, its document symbol and the place name are required.</source>
        <translation>Vui lòng nhập tên cơ quan ban hành, ký hiệu văn bản và địa danh.</translation>
    </message>
</context>
</TS>

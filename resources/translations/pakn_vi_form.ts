<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseFields</name>
    <message>
        <source>Channel *</source>
        <translation>Kênh tiếp nhận *</translation>
    </message>
    <message>
        <source>Portal PAKN code</source>
        <translation>Mã PAKN trên Cổng</translation>
    </message>
    <message>
        <source>Required for a PAKN received from the portal.</source>
        <translation>Bắt buộc với PAKN nhận từ Cổng Dịch vụ công.</translation>
    </message>
    <message>
        <source>Submitter type *</source>
        <translation>Đối tượng PAKN *</translation>
    </message>
    <message>
        <source>Citizen / organisation name *</source>
        <translation>Họ tên cá nhân / tên tổ chức *</translation>
    </message>
    <message>
        <source>Addressed in letters as</source>
        <translation>Xưng hô trong văn bản</translation>
    </message>
    <message>
        <source>How the letters address a citizen.</source>
        <translation>Cách văn bản gọi người dân (Ông, Bà).</translation>
    </message>
    <message>
        <source>Address *</source>
        <translation>Địa chỉ *</translation>
    </message>
    <message>
        <source>Phone number *</source>
        <translation>Số điện thoại *</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>PAKN about *</source>
        <translation>PAKN về việc *</translation>
    </message>
    <message>
        <source>This content will be published. Please do not include personal details!</source>
        <translation>Nội dung này sẽ được công khai. Vui lòng không ghi thông tin cá nhân (số định danh, số điện thoại, địa chỉ nhà…).</translation>
    </message>
    <message>
        <source>Content *</source>
        <translation>Nội dung *</translation>
    </message>
    <message>
        <source>Private note (not published)</source>
        <translation>Ghi chú nội bộ (không công khai)</translation>
    </message>
    <message>
        <source>Kept inside the office; never published.</source>
        <translation>Chỉ dùng trong cơ quan; không bao giờ công khai.</translation>
    </message>
    <message>
        <source>PAKN topic</source>
        <translation>Chủ đề PAKN</translation>
    </message>
</context>
</TS>

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
    <context>
        <name>EmailImport</name>
        <message>
            <location filename="../../pakn_desktop/ui/email_import.py" line="26" />
            <source>Import an email into the intake form</source>
            <translation>Nhập thư điện tử vào phiếu tiếp nhận</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/email_import.py" line="71" />
            <source>Emails (*.eml *.msg);;All files (*)</source>
            <translation>Thư điện tử (*.eml *.msg);;Mọi tệp (*)</translation>
        </message>
    </context>
    <context>
        <name>ExchangeMenu</name>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="532" />
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="550" />
            <source>Import a PAKN list from the portal…</source>
            <translation>Nhập danh sách PAKN từ Cổng…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="552" />
            <source>Import an email into the intake form…</source>
            <translation>Nhập thư điện tử vào phiếu tiếp nhận…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="556" />
            <source>Enter desk PAKN into the national system…</source>
            <translation>Nhập PAKN của cơ quan lên Hệ thống…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="559" />
            <source>Publish answers…</source>
            <translation>Công khai kết quả trả lời…</translation>
        </message>
    </context>
    <context>
        <name>NationalEntryDialog</name>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="47" />
            <source>Enter desk PAKN into the national system</source>
            <translation>Nhập PAKN của cơ quan lên Hệ thống</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="57" />
            <source>Export selected to Excel…</source>
            <translation>Xuất các PAKN đã chọn ra Excel…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="63" />
            <source>Submitter type</source>
            <translation>Đối tượng PAKN</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="64" />
            <source>Citizen (name)</source>
            <translation>Người dân (họ tên)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="65" />
            <source>Address</source>
            <translation>Địa chỉ</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="66" />
            <source>Phone number</source>
            <translation>Số điện thoại</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="67" />
            <source>Email</source>
            <translation>Email</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="68" />
            <source>PAKN about</source>
            <translation>PAKN về việc</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="69" />
            <source>Content</source>
            <translation>Nội dung</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="70" />
            <source>Receiving unit</source>
            <translation>Đơn vị tiếp nhận</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="71" />
            <source>PAKN topic</source>
            <translation>Chủ đề PAKN</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="72" />
            <source>Received on</source>
            <translation>Ngày tiếp nhận</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="73" />
            <location filename="../../work/wt/portal/pakn_desktop/ui/national_entry.py" line="146" />
            <source>Channel</source>
            <translation>Kênh tiếp nhận</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="74" />
            <source>Our PAKN code</source>
            <translation>Mã PAKN của cơ quan</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="86" />
            <source>Copy</source>
            <translation>Sao chép</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="99" />
            <source>Copy all as text</source>
            <translation>Sao chép toàn bộ</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="102" />
            <source>Code the national system gave</source>
            <translation>Mã PAKN do Hệ thống cấp</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="103" />
            <source>Entered into the national system</source>
            <translation>Đã nhập lên Hệ thống</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="115" />
            <source>Fields to enter, in the system's order</source>
            <translation>Các trường cần nhập, theo thứ tự của Hệ thống</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="121" />
            <source>Code on the system:</source>
            <translation>Mã trên Hệ thống:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="144" />
            <source>Code</source>
            <translation>Mã PAKN</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="145" />
            <source>Received</source>
            <translation>Ngày nhận</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="147" />
            <source>Sender</source>
            <translation>Người gửi</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="148" />
            <source>Title</source>
            <translation>Tiêu đề</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="164" />
            <source>%1 PAKN not yet entered into the national system.</source>
            <translation>%1 PAKN chưa nhập lên Hệ thống.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="194" />
            <source>Personal data (%1) was taken out of the content: the system publishes it.</source>
            <translation>Đã bỏ dữ liệu cá nhân (%1) khỏi nội dung vì Hệ thống công khai nội dung.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="208" />
            <source>Copied: %1</source>
            <translation>Đã sao chép: %1</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="214" />
            <source>All fields copied.</source>
            <translation>Đã sao chép toàn bộ các trường.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="232" />
            <source>%1 marked as entered into the national system.</source>
            <translation>Đã đánh dấu %1 là đã nhập lên Hệ thống.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="243" />
            <source>Select the PAKN to export first.</source>
            <translation>Hãy chọn các PAKN cần xuất trước.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="247" />
            <source>Export for the national system</source>
            <translation>Xuất để nhập lên Hệ thống</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="249" />
            <source>Excel workbook (*.xlsx)</source>
            <translation>Bảng tính Excel (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/national_entry.py" line="263" />
            <source>%1 PAKN exported to %2.</source>
            <translation>Đã xuất %1 PAKN ra %2.</translation>
        </message>
    </context>
    <context>
        <name>PortalImportDialog</name>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="0" />
            <source>Sheet:</source>
            <translation>Trang tính:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="0" />
            <source>Header row:</source>
            <translation>Dòng tiêu đề cột:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="0" />
            <source>The sheet of the workbook that holds the list</source>
            <translation>Trang tính chứa danh sách PAKN</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="0" />
            <source>The row of the column headers (the lower one of a two-row header)</source>
            <translation>Số dòng của dòng tiêu đề cột (dòng dưới nếu tiêu đề có hai dòng)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="0" />
            <source>Sheet “%1” of %2.</source>
            <translation>Trang «%1» trong %2 trang tính.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="145" />
            <source>Import a PAKN list from the portal</source>
            <translation>Nhập danh sách PAKN từ Cổng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="149" />
            <source>An xlsx, xls or csv list exported from the portal</source>
            <translation>Danh sách xlsx, xls hoặc csv xuất từ Cổng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="150" />
            <source>Choose file…</source>
            <translation>Chọn tệp…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="158" />
            <source>National public-service portal</source>
            <translation>Cổng DVC quốc gia</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="159" />
            <source>Provincial public-service portal</source>
            <translation>Cổng DVC tỉnh</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="160" />
            <source>Save this mapping as…</source>
            <translation>Lưu cách ghép cột này…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="164" />
            <source>Columns of the file for each field</source>
            <translation>Cột của tệp cho từng trường</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="167" />
            <source>Portal PAKN code</source>
            <translation>Mã PAKN trên Cổng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="168" />
            <source>Date sent</source>
            <translation>Ngày gửi</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="169" />
            <source>Submitter type</source>
            <translation>Đối tượng PAKN</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="170" />
            <source>Sender</source>
            <translation>Người gửi</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="171" />
            <source>Address</source>
            <translation>Địa chỉ</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="172" />
            <source>Phone number</source>
            <translation>Số điện thoại</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="173" />
            <source>Email</source>
            <translation>Email</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="174" />
            <location filename="../../work/wt/portal/pakn_desktop/ui/portal_import.py" line="482" />
            <source>Title</source>
            <translation>Tiêu đề</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="175" />
            <source>Content</source>
            <translation>Nội dung</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="176" />
            <source>Field (topic)</source>
            <translation>Lĩnh vực (chủ đề)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="189" />
            <source>Saved mapping:</source>
            <translation>Cách ghép cột đã lưu:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="191" />
            <source>List from:</source>
            <translation>Nguồn danh sách:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="209" />
            <source>Preview</source>
            <translation>Xem trước</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="211" />
            <source>Import</source>
            <translation>Nhập</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="213" />
            <source>Cancel import</source>
            <translation>Dừng nhập</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="216" />
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="222" />
            <source>File:</source>
            <translation>Tệp:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="229" />
            <source>First rows of the file</source>
            <translation>Các dòng đầu của tệp</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="232" />
            <source>What the import does, row by row</source>
            <translation>Kết quả nhập theo từng dòng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="262" />
            <source>(guessed from the column headers)</source>
            <translation>(tự đoán theo tiêu đề cột)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="272" />
            <source>Choose the list exported from the portal</source>
            <translation>Chọn danh sách xuất từ Cổng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="274" />
            <source>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</source>
            <translation>Bảng tính (*.xlsx *.xls *.csv);;Mọi tệp (*)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="300" />
            <source>%1 file, %2 data rows, headers on row %3.</source>
            <translation>Tệp %1, %2 dòng dữ liệu, tiêu đề cột ở dòng %3.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="306" />
            <source>Encoding: %1.</source>
            <translation>Bảng mã: %1.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="316" />
            <source>Check the columns, then Preview or Import.</source>
            <translation>Kiểm tra các cột rồi bấm Xem trước hoặc Nhập.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="318" />
            <source>Choose a column for every field marked *.</source>
            <translation>Hãy chọn cột cho mọi trường có dấu *.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="327" />
            <source>(none)</source>
            <translation>(không có)</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="367" />
            <source>This file has no column %1: choose the columns again.</source>
            <translation>Tệp này không có cột %1: hãy chọn lại các cột.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="374" />
            <location filename="../../work/wt/portal/pakn_desktop/ui/portal_import.py" line="383" />
            <source>Save the mapping</source>
            <translation>Lưu cách ghép cột</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="374" />
            <source>Name of this mapping:</source>
            <translation>Tên cách ghép cột:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="389" />
            <source>Mapping “%1” saved.</source>
            <translation>Đã lưu cách ghép cột «%1».</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="411" />
            <source>Stopping after the batch being saved…</source>
            <translation>Sẽ dừng sau khi lưu xong lô hiện tại…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="428" />
            <source>Checking the rows…</source>
            <translation>Đang kiểm tra các dòng…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="430" />
            <source>Importing %1 rows…</source>
            <translation>Đang nhập %1 dòng…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="472" />
            <source>Create</source>
            <translation>Tạo mới</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="473" />
            <source>Update</source>
            <translation>Cập nhật</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="474" />
            <source>Skip</source>
            <translation>Bỏ qua</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="475" />
            <source>Error</source>
            <translation>Lỗi</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="478" />
            <source>Row</source>
            <translation>Dòng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="479" />
            <source>Portal code</source>
            <translation>Mã trên Cổng</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="480" />
            <source>Action</source>
            <translation>Thao tác</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="481" />
            <source>Case</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/portal_import.py" line="483" />
            <source>Reasons</source>
            <translation>Lý do</translation>
        </message>
    </context>
    <context>
        <name>PublishDialog</name>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="48" />
            <source>Publish answers on the office's website</source>
            <translation>Công khai kết quả trả lời trên trang thông tin điện tử của cơ quan</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="55" />
            <source>Quarter %1</source>
            <translation>Quý %1</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="64" />
            <source>Show</source>
            <translation>Hiện</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="73" />
            <source>Publish the selected</source>
            <translation>Công khai các PAKN đã chọn</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="75" />
            <source>Do not publish the selected</source>
            <translation>Không công khai các PAKN đã chọn</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="77" />
            <source>Export the page and JSON…</source>
            <translation>Xuất trang HTML và JSON…</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="79" />
            <source>Open the page</source>
            <translation>Mở trang</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="88" />
            <source>Only a head decides which answers are published.</source>
            <translation>Chỉ lãnh đạo quyết định công khai câu trả lời.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="91" />
            <source>Year:</source>
            <translation>Năm:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="94" />
            <source>Answered from:</source>
            <translation>Trả lời từ ngày:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="96" />
            <source>to:</source>
            <translation>đến:</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="132" />
            <source>Yes</source>
            <translation>Có</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="132" />
            <source>No</source>
            <translation>Không</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="134" />
            <source>Code</source>
            <translation>Mã PAKN</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="134" />
            <source>Answered on</source>
            <translation>Ngày trả lời</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="134" />
            <source>Published</source>
            <translation>Công khai</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="134" />
            <source>Title</source>
            <translation>Tiêu đề</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="149" />
            <source>Select the PAKN first.</source>
            <translation>Hãy chọn PAKN trước.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="164" />
            <source>Saved.</source>
            <translation>Đã lưu.</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="168" />
            <source>Folder of the office's website files</source>
            <translation>Thư mục tệp của trang thông tin điện tử của cơ quan</translation>
        </message>
        <message>
            <location filename="../../pakn_desktop/ui/publish_ui.py" line="181" />
            <source>%1 PAKN published: %2 and %3 (the previous files were replaced).</source>
            <translation>Đã công khai %1 PAKN: %2 và %3 (thay thế các tệp trước).</translation>
        </message>
    </context>
</TS>

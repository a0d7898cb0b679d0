; PAKN Desktop for Windows: installs the PyInstaller folder (dist\pakn-desktop\, build.spec)
; for the current user (default: %LOCALAPPDATA%\Programs\PAKN Desktop, no administrator
; needed) or for every user of the PC (/AllUsers on the command line, or the choice on the
; second page: %ProgramFiles%\PAKN Desktop).
;
;   makensis /DVERSION=0.1.0 installer\pakn.nsi          -> dist\pakn-desktop-setup-0.1.0.exe
;   makensis /DPAYLOAD=C:\some\folder /DOUTFILE=x.exe ...  (another folder or output)
;
; Silent: pakn-desktop-setup-0.1.0.exe /S [/AllUsers | /CurrentUser] [/D=C:\path]
;
; The office's data is never in the program folder: it is in the user's data folder
; (%LOCALAPPDATA%\pakn-desktop: pakn.db, logs\, backups\; pakn_desktop/paths.py), which this
; installer never writes and the uninstaller never removes. An upgrade replaces the program
; files only; the new version's first start copies the database before it changes anything
; (a schema change: pakn.before-migration-*.db beside the database; no schema change: a
; pakn-truoc-nang-cap-*.db copy in the backup folder). docs/it-guide.md says the rest.

Unicode true
SetCompressor /SOLID lzma
ManifestDPIAware true
ManifestLongPathAware true

!define APPNAME "PAKN Desktop"
!define EXE "pakn-desktop.exe"
!define DATAFOLDER "pakn-desktop"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PAKN Desktop"
!define SETTINGSKEY "Software\PAKN Desktop\Installer"
; Relative paths are from this folder (makensis works in the script's folder).
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "../dist/pakn-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "../dist/pakn-desktop-setup-${VERSION}.exe"
!endif
!if ! /FileExists "${PAYLOAD}/${EXE}"
  !error "No ${PAYLOAD}/${EXE}: build the bundle first (pyinstaller build.spec)"
!endif
!ifndef ICON
  !define ICON "../resources/icons/pakn.ico"
!endif

; Shortcut names, in Vietnamese.
!define SHORTCUT "PAKN - Tiếp nhận phản ánh, kiến nghị"
!define UNSHORTCUT "Gỡ cài đặt PAKN Desktop"

Name "${APPNAME}"
Caption "Cài đặt ${APPNAME} ${VERSION}"
UninstallCaption "Gỡ cài đặt ${APPNAME}"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APPNAME} (tiếp nhận và trả lời phản ánh, kiến nghị)"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

; Per user by default; per machine when chosen (the UAC prompt then asks for an administrator).
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APPNAME}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETTINGSKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${SETTINGSKEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_MUI
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình tiếp nhận, phân loại, xử lý và trả lời phản ánh, kiến nghị.$\r$\n$\r$\nDữ liệu của cơ quan (cơ sở dữ liệu, nhật ký, bản sao lưu) nằm trong thư mục dữ liệu của người dùng và được giữ nguyên khi nâng cấp hay gỡ cài đặt.$\r$\n$\r$\nHãy đóng PAKN Desktop trên máy này trước khi tiếp tục."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Chương trình sẽ được gỡ khỏi máy. Dữ liệu của cơ quan trong thư mục %LOCALAPPDATA%\${DATAFOLDER} của mỗi người dùng (cơ sở dữ liệu, nhật ký, bản sao lưu) được giữ nguyên."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Var Previous  ; the version installed before this one, empty on a first installation

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "PAKN Desktop cần Windows 64 bit (Windows 10 hoặc 11)." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

; The program folder must never be the data folder, which the uninstaller would then empty.
Function .onVerifyInstDir
  ${If} $INSTDIR == "$LOCALAPPDATA\${DATAFOLDER}"
    Abort
  ${EndIf}
FunctionEnd

Section "PAKN Desktop" SecMain
  SectionIn RO
  ReadRegStr $Previous SHCTX "${UNINSTKEY}" "DisplayVersion"
  ${If} $Previous != ""
    DetailPrint "Nâng cấp từ phiên bản $Previous; dữ liệu được giữ nguyên."
    ; Files of the old version that the new one no longer has must not linger beside it: the
    ; program folder holds program files only (its uninstaller checked the same).
    ${If} ${FileExists} "$INSTDIR\${EXE}"
      RMDir /r "$INSTDIR\_internal"
    ${EndIf}
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu and desktop, in Vietnamese.
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${SHORTCUT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${UNSHORTCUT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; Add/Remove Programs (HKCU for one user, HKLM for the machine: SHCTX follows the mode).
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME} - Tiếp nhận phản ánh, kiến nghị"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "PAKN Desktop"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" "$0"
  WriteRegStr SHCTX "${SETTINGSKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${SETTINGSKEY}" "InstallMode" "$MultiUser.InstallMode"
SectionEnd

Section "Uninstall"
  ; Only the program folder and what the installer made; never $LOCALAPPDATA\pakn-desktop.
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\${SHORTCUT}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\${UNSHORTCUT}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\${EXE}"
  ${EndIf}
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: nothing the office put there is removed
  DeleteRegKey SHCTX "${UNINSTKEY}"
  DeleteRegKey SHCTX "${SETTINGSKEY}"
  DeleteRegKey /ifempty SHCTX "Software\PAKN Desktop"
SectionEnd

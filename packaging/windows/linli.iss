; Inno Setup 6 script for Linli Desk (邻里): a per-user installer of the PyInstaller one-folder
; build in dist\linli\ (packaging/linli.spec). Built by packaging/build-windows.ps1:
;     iscc /DAppVersion=0.1.0 packaging\windows\linli.iss
; The version comes from desktop/__init__.py through that /DAppVersion, never typed here.
;
; Per-user by default: office workers often cannot install as administrators, so setup needs no
; admin rights and installs under the user's own folders; the dialog still offers "for all
; users" to someone who can. {autopf}, {autoprograms}, {autodesktop} and the HKA registry root
; follow that choice (current user or all users).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z linli.iss (build-windows.ps1 does this)
#endif

#define AppName "Linli Desk"
#define AppExe "linli.exe"
; The bundle file type: the same .linli suffix the app writes (desktop/sync), one ProgID.
#define BundleProgId "LinliDesk.Bundle"

[Setup]
; The AppId identifies the program for upgrades and the uninstaller: never change it.
AppId={{5C0B7E3A-8F2D-4B6E-9A41-3D7C2E9F1B64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Linli Desk
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Paths below are relative to this file (packaging\windows\).
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=linli-{#AppVersion}-setup
SetupIconFile=resources\icons\linli.ico
UninstallDisplayIcon={app}\linli.ico
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; The app may be running while it is upgraded or removed: ask to close it.
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Chinese (Simplified) is an unofficial Inno Setup translation: used when the build machine
; has it, otherwise setup is in English (the app itself is in the user's language either way).
#ifexist AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
Name: "zh_Hans"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
#ifexist AddBackslash(CompilerPath) + "Languages\ChineseTraditional.isl"
Name: "zh_Hant"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build; nothing is written outside {app} but the shortcuts and the
; file association.
Source: "dist\linli\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "resources\icons\linli.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\linli.ico"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\linli.ico"; Tasks: desktopicon

[Registry]
; Double-clicking a .linli bundle runs `linli.exe "FILE.linli"`: the app opens on
; Sync > Import with that file (desktop/cli.py split_bundle). HKA is HKCU for a per-user
; install and HKLM for an all-users one. Only our own keys are removed on uninstall.
Root: HKA; Subkey: "Software\Classes\.linli"; ValueType: string; ValueName: ""; ValueData: "{#BundleProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.linli\OpenWithProgids"; ValueType: string; ValueName: "{#BundleProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#BundleProgId}"; ValueType: string; ValueName: ""; ValueData: "Linli Desk bundle"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#BundleProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\linli.ico,0"
Root: HKA; Subkey: "Software\Classes\{#BundleProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".linli"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only what setup installed ({app}, the shortcuts, the registry keys
; above). It NEVER deletes the user's data: the database, backups, settings and logs live in
; the user data folder from platformdirs (%APPDATA%\LinliDesk, or LINLI_DATA_DIR / --data-dir),
; outside {app}. That folder stays after uninstalling, so a reinstall or an upgrade finds the
; community's data as it was. Hence no [UninstallDelete] and no [UninstallRun] here.

; Inno Setup 6 script: the per-machine Windows installer of the workstation, over the one-folder
; build of installer/clerk_app.spec. Built on Windows (steps in installer/README.md):
;
;   python installer\build.py bundle
;   iscc /DAppVersion=<python installer\build.py version> installer\windows\clerk-app.iss
;
; gives dist\clerk-app-VERSION-setup.exe. Installs into Program Files\clerk-app (read-only for the
; clerks), a Start-menu entry, and the example configuration in %ProgramData%\clerk_app. Per-user
; data (database, scans, catalogue cache) lives in %LOCALAPPDATA%\clerk_app, where the application
; itself puts it (platformdirs): this installer never writes or deletes it, so an upgrade and an
; uninstall keep every clerk's data; a new release migrates the database when it opens it.
; Saved as UTF-8 with a byte-order mark, as Inno Setup wants a script with non-ASCII text.

#ifndef AppVersion
  #error Give the version on the command line: iscc /DAppVersion=X.Y.Z (python installer\build.py version)
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\clerk-app"
#endif
#ifndef BuildDir
  #define BuildDir "..\..\build"
#endif
#define AppName "综合窗口受理工作站"
; clerk-app-gui.exe: the workstation without a console window; clerk-app.exe beside it is the command line
#define AppExe "clerk-app-gui.exe"

[Setup]
; The AppId never changes: it is how a newer installer finds and upgrades this installation.
AppId={{AB29AF22-BB9D-49A1-9D94-624A69DFB2B3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=clerk_app maintainers
DefaultDirName={autopf}\clerk-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=clerk-app-{#AppVersion}-setup
SetupIconFile={#BuildDir}\icons\clerk-app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
VersionInfoVersion={#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the build whole: no module or library of the previous release stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
; The hall-wide configuration (clerk_app.toml) and the enrolment key (enrolment.key) go here.
Name: "{commonappdata}\clerk_app"; Flags: uninsneveruninstall

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\README.md"; DestDir: "{app}"; DestName: "INSTALL.md"; Flags: ignoreversion
Source: "..\clerk_app.toml.example"; DestDir: "{commonappdata}\clerk_app"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

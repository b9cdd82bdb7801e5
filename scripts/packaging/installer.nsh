; NSIS uninstaller hook (electron-builder nsis.include). customUnInstall runs before the files are
; removed, so the app itself can run its end-of-event wipe on the user's data folder(s).
; Skipped when the uninstaller runs as part of an update.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    CreateDirectory "$DOCUMENTS\madoguchi-uninstall-certificates"
    ; The default data folder…
    ExecWait '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --wipe-all --without-export --data-dir "$APPDATA\madoguchi" --certificate-dir "$DOCUMENTS\madoguchi-uninstall-certificates" --ordered-by "uninstaller"'
    ; …and every folder recorded in the user's list of data folders.
    ClearErrors
    FileOpen $0 "$LOCALAPPDATA\madoguchi\data-dirs.txt" r
    ${IfNot} ${Errors}
      ${Do}
        FileRead $0 $1
        ${If} ${Errors}
          ${ExitDo}
        ${EndIf}
        ${TrimNewLines} $1 $1
        ${If} $1 != ""
          ExecWait '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --wipe-all --without-export --data-dir "$1" --certificate-dir "$DOCUMENTS\madoguchi-uninstall-certificates" --ordered-by "uninstaller"'
        ${EndIf}
      ${Loop}
      FileClose $0
      Delete "$LOCALAPPDATA\madoguchi\data-dirs.txt"
    ${EndIf}
  ${endIf}
!macroend

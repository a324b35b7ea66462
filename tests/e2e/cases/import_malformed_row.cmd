printf "ID_A,Name_A,ID_B,Name_B,Level\nX1,A,X2,B,Major\nX3,\"unterminated,X4,D,Minor\n" > bad.csv; $PAIRINFO import bad.csv -o out.json; echo "status $?"; ls out.json 2>&1 | head -n 1

// The most used passwords of public breach lists (Latin and Russian keyboard layouts).
// Checked case-insensitively at registration and password change.
const COMMON_PASSWORDS = new Set([
  "12345678", "123456789", "1234567890", "12345678910", "123123123", "11111111", "00000000",
  "87654321", "987654321", "0987654321", "11223344", "12341234", "1q2w3e4r", "1q2w3e4r5t",
  "1qaz2wsx", "qwertyui", "qwertyuiop", "qwerty123", "qwerty1234", "qwe123qwe", "asdfghjk",
  "asdfghjkl", "zxcvbnm1", "password", "password1", "password12", "password123", "passw0rd",
  "p@ssw0rd", "p@ssword", "iloveyou", "iloveyou1", "sunshine", "princess", "football",
  "baseball", "welcome1", "welcome123", "admin123", "administrator", "abc12345", "abcd1234",
  "letmein1", "trustno1", "superman", "starwars", "whatever", "dragon12", "monkey12",
  "michael1", "jennifer", "computer", "internet", "master12", "shadow12", "mustang1",
  "killer12", "charlie1", "aa123456", "a1234567", "a12345678", "q1w2e3r4", "q1w2e3r4t5",
  "zaq12wsx", "1q2w3e4r5t6y", "123qweasd", "qweasdzxc", "changeme", "secret12", "test1234",
  "testtest", "google123", "samsung1", "minecraft", "pokemon1", "liverpool", "chelsea1",
  "arsenal1", "spartak1", "zenit123", "natasha1", "marina12", "svetlana", "tatyana1",
  "vladimir", "alexander", "aleksandr", "dmitriy1", "sergey12", "andrey12", "maksim12",
  "privet123", "parol123", "parol1234", "ytrewq12", "йцукенгш", "йцукен123", "пароль123",
  "пароль12", "любовь12", "qazwsxedc", "1234qwer", "qwer1234", "12qwaszx", "passport",
  "brainmessenger",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
